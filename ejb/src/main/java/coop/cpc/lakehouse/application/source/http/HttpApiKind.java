package coop.cpc.lakehouse.application.source.http;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.OpenRequest;
import coop.cpc.lakehouse.application.source.SecretAliases;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.ingest.http.SecretQueryParameters;
import coop.cpc.lakehouse.ingest.secret.SecretDestination;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP APIs that answer JSON pages, read whole by every run: their runs OVERWRITE, and time travel
 * keeps the earlier extracts.
 */
public final class HttpApiKind implements SourceKind<HttpApiSettings> {

    @Override
    public SourceType type() {
        return SourceType.HTTP_API;
    }

    @Override
    public Class<HttpApiSettings> settingsType() {
        return HttpApiSettings.class;
    }

    @Override
    public String field() {
        return "httpApi";
    }

    @Override
    public SnapshotOperation snapshotOperation() {
        return SnapshotOperation.OVERWRITE;
    }

    /** The endpoint, where its records are and how it pages (a restart resumes at a page). */
    @Override
    public Object sourceIdentity(HttpApiSettings settings) {
        return java.util.Arrays.asList(settings.url(), settings.recordsPointer(), settings.pagination());
    }

    @Override
    public void validate(HttpApiSettings h, SourceEnvironment environment) throws InvalidInputException {
        URI url;
        try {
            url = URI.create(h.url());
        } catch (RuntimeException e) {
            throw new InvalidInputException("httpApi.url is not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new InvalidInputException("httpApi.url must be an http or https URL with a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidInputException("httpApi.url must not hold credentials: give auth with a secretAlias");
        }
        Optional<String> secretParameter = SecretQueryParameters.find(url);
        if (secretParameter.isPresent()) {
            throw new InvalidInputException("httpApi.url query parameter '" + secretParameter.get() + "' looks like a "
                    + "credential: secrets go only by alias, in auth.secretAlias, never in the URL");
        }
        if (h.auth().kind() != HttpApiSettings.AuthKind.NONE) {
            SecretAliases.requireAlias("httpApi.auth.secretAlias", h.auth().secretAlias());
            if (h.auth().secretAlias() == null) {
                throw new InvalidInputException(
                        "httpApi.auth.secretAlias must be given for " + h.auth().kind() + " auth");
            }
            SecretAliases.requireBound(
                    "httpApi.auth.secretAlias",
                    environment.guards(),
                    h.auth().secretAlias(),
                    new SecretDestination.Http(url));
        }
        try {
            environment.guards().http(environment.settings()).check(url);
        } catch (UnknownHostException e) {
            // DNS may answer by the time a run starts; the run checks again.
        } catch (IOException e) {
            throw new InvalidInputException("httpApi.url: " + e.getMessage());
        }
        HttpApiSettings.Pagination pagination = h.pagination();
        if (pagination.kind() == HttpApiSettings.PaginationKind.CURSOR
                && (blank(pagination.cursorPointer()) || blank(pagination.cursorParam()))) {
            throw new InvalidInputException(
                    "httpApi.pagination: CURSOR pagination needs cursorPointer and cursorParam");
        }
        try {
            // The library's own checks (pagination, auth, limits), as a run will build its configuration.
            HttpApiReader.config(h, Set.of());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("httpApi: " + e.getMessage());
        }
    }

    @Override
    public SourceReader open(HttpApiSettings settings, OpenRequest request) throws Exception {
        return new HttpApiReader(
                settings,
                request.assets().target(request.job()),
                request.assets().targetColumns(request.job()),
                request.environment().settings().httpSourceAllowList(),
                request.environment().guards().secrets(),
                request.environment().httpClients(),
                request.checkpoint());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
