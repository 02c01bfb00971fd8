package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.ingest.source.ConfigSecretResolver;
import coop.cpc.lakehouse.application.ingest.source.FileDropPull;
import coop.cpc.lakehouse.application.ingest.source.LocalSourcePaths;
import coop.cpc.lakehouse.application.ingest.source.SourceDefinitions;
import coop.cpc.lakehouse.application.ingest.source.SourceGuards;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.HttpApiSource;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.files.GlobPattern;
import coop.cpc.lakehouse.ingest.http.SecretQueryParameters;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseGuard;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import coop.cpc.lakehouse.ingest.secret.SecretDestination;
import coop.cpc.lakehouse.ingest.secret.SecretRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks a source definition before it is stored, so a bad one is refused with a message naming the
 * field instead of failing later in a run. What can change between now and a run (DNS, the source
 * table, the files) is checked again when a run opens the source.
 */
final class SourceValidator {
    private static final int MAX_TREES = 1000;
    private static final Logger LOG = Logger.getLogger(SourceValidator.class.getName());

    private SourceValidator() {
    }

    static void validate(SourceDefinition source, LakehouseSettings settings) throws InvalidInputException {
        validate(source, settings, SourceGuards.fromConfig());
    }

    static void validate(SourceDefinition source, LakehouseSettings settings, SourceGuards guards) throws InvalidInputException {
        String field = field(source);
        try {
            if (source instanceof PostgresTableSource p) {
                postgres(p, settings, guards);
            } else if (source instanceof SledSource s) {
                sled(s, settings);
            } else if (source instanceof HttpApiSource h) {
                http(h, settings, guards);
            } else if (source instanceof FileDropSource f) {
                fileDrop(f, settings);
            }
        } catch (RuntimeException e) {
            // A check met input it did not expect (a NUL in a path, a missing setting): still the caller's
            // input, refused naming the source, never an internal server error.
            LOG.log(Level.FINE, "Refused a source definition a check did not expect", e);
            throw new InvalidInputException(field + " is not a valid source definition: check its settings");
        }
        if (SourceDefinitions.write(source).contains("\\u0000")) {
            throw new InvalidInputException(field + " settings must not contain NUL characters");
        }
    }

    /** The GraphQL field that holds a source of this kind. */
    private static String field(SourceDefinition source) {
        if (source instanceof PostgresTableSource) {
            return "postgresTable";
        } else if (source instanceof SledSource) {
            return "sled";
        } else if (source instanceof HttpApiSource) {
            return "httpApi";
        }
        return "fileDrop";
    }

    private static void postgres(PostgresTableSource p, LakehouseSettings settings, SourceGuards guards)
            throws InvalidInputException {
        SourceDatabaseUrl url;
        try {
            url = SourceDatabaseUrl.parse(p.url());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("postgresTable.url " + e.getMessage()
                    + (p.url() != null && p.url().contains("@") ? "; credentials go in user and passwordAlias" : ""));
        }
        if (p.user() == null || p.user().isBlank() || p.user().length() > 63) {
            throw new InvalidInputException("postgresTable.user must be a role name");
        }
        alias("postgresTable.passwordAlias", p.passwordAlias());
        QualifiedTableName table;
        try {
            table = QualifiedTableName.parse(p.table());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("postgresTable.table: " + e.getMessage());
        }
        try {
            SourceDatabaseGuard.checkTable(table);
        } catch (SourceDatabaseGuard.RefusedException e) {
            throw new InvalidInputException("postgresTable.table: " + e.getMessage());
        }
        for (String column : p.columns()) {
            try {
                QualifiedTableName.requireIdentifier("column", column);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("postgresTable.columns: " + e.getMessage());
            }
        }
        // Last: the checks that read configuration and DNS.
        if (p.passwordAlias() != null) {
            bound("postgresTable.passwordAlias", guards, p.passwordAlias(),
                    new SecretDestination.Postgres(url.bareHost(), url.port(), url.database()));
        }
        try {
            guards.postgres(settings).check(url);
        } catch (SourceDatabaseGuard.RefusedException e) {
            throw new InvalidInputException("postgresTable.url: " + e.getMessage());
        } catch (UnknownHostException e) {
            // DNS may answer by the time a run starts; the run checks again.
        }
    }

    private static void sled(SledSource s, LakehouseSettings settings) throws InvalidInputException {
        Path folder = LocalSourcePaths.requireInsideRoots("sled.path", s.path(), settings.localSourceRoots());
        LocalSourcePaths.requireNoLinks("sled.path", s.path(), List.of("conf", "db", "blobs"));
        if (!Files.isRegularFile(folder.resolve("conf"), LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(folder.resolve("db"), LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("sled.path " + s.path() + " is not a sled database folder (no conf and db files)");
        }
        Names.require("sled.targetNamespace", s.targetNamespace());
        Names.require("sled.assetPrefix", s.assetPrefix());
        if (s.trees().size() > MAX_TREES) {
            throw new InvalidInputException("sled.trees lists more than " + MAX_TREES + " trees");
        }
        if (s.valueFormat() == SledSource.SledValueFormat.JSON) {
            if (s.valueColumns().isEmpty()) {
                throw new InvalidInputException("sled.valueColumns must list the JSON fields when valueFormat is JSON");
            }
            AssetSchema.of(s.valueColumns());
            if (s.valueColumns().stream().anyMatch(c -> c.name().equals("key"))) {
                throw new InvalidInputException("sled.valueColumns must not name a column 'key': it holds the entry's key");
            }
        } else if (!s.valueColumns().isEmpty()) {
            throw new InvalidInputException("sled.valueColumns is only for valueFormat JSON");
        }
    }

    private static void http(HttpApiSource h, LakehouseSettings settings, SourceGuards guards) throws InvalidInputException {
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
        if (h.auth().kind() != HttpApiSource.AuthKind.NONE) {
            alias("httpApi.auth.secretAlias", h.auth().secretAlias());
            if (h.auth().secretAlias() == null) {
                throw new InvalidInputException("httpApi.auth.secretAlias must be given for " + h.auth().kind() + " auth");
            }
            bound("httpApi.auth.secretAlias", guards, h.auth().secretAlias(), new SecretDestination.Http(url));
        }
        try {
            guards.http(settings).check(url);
        } catch (UnknownHostException e) {
            // DNS may answer by the time a run starts; the run checks again.
        } catch (IOException e) {
            throw new InvalidInputException("httpApi.url: " + e.getMessage());
        }
        HttpApiSource.Pagination pagination = h.pagination();
        if (pagination.kind() == HttpApiSource.PaginationKind.CURSOR
                && (blank(pagination.cursorPointer()) || blank(pagination.cursorParam()))) {
            throw new InvalidInputException("httpApi.pagination: CURSOR pagination needs cursorPointer and cursorParam");
        }
        try {
            coop.cpc.lakehouse.application.ingest.source.HttpSources.check(h);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("httpApi: " + e.getMessage());
        }
    }

    private static void fileDrop(FileDropSource f, LakehouseSettings settings) throws InvalidInputException {
        LocalSourcePaths.requireInsideRoots("fileDrop.directory", f.directory(), settings.localSourceRoots());
        // A folder given as a link could be pointed at another job's folder after this check.
        LocalSourcePaths.requireNoLinks("fileDrop.directory", f.directory(), List.of());
        try {
            GlobPattern.compile(f.glob());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("fileDrop." + e.getMessage());
        }
        try {
            FileDropPull.limits(f);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("fileDrop." + e.getMessage());
        }
    }

    /**
     * One job per drop folder: a second job on the same folder, or on one inside the other, would
     * claim the same files (or each other's processed/ and quarantine/).
     *
     * @param others the other file-drop jobs (not the one being changed)
     */
    static void requireOwnFolder(FileDropSource f, List<IngestionJob> others) throws InvalidInputException {
        Path mine = realPath(f.directory());
        for (IngestionJob other : others) {
            if (!(SourceDefinitions.read(other.getSourceConfig()) instanceof FileDropSource theirs)) {
                continue;
            }
            Path their = realPath(theirs.directory());
            if (mine != null && their != null && (mine.startsWith(their) || their.startsWith(mine))) {
                throw new InvalidInputException("fileDrop.directory is " + (mine.equals(their) ? "the folder" : "inside or around the folder")
                        + " of ingestion job " + other.getName() + "; a drop folder belongs to one job");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Path realPath(String folder) {
        try {
            return Path.of(folder).toRealPath();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void alias(String field, String alias) throws InvalidInputException {
        if (alias != null && !ConfigSecretResolver.isAlias(alias)) {
            throw new InvalidInputException(field + " must be an alias like crm_api_token ([a-z][a-z0-9_]*, not ending in "
                    + "_allowed), not a secret");
        }
    }

    /** The alias must be bound to the destination; whether its secret is configured is checked when a run needs it. */
    private static void bound(String field, SourceGuards guards, String alias, SecretDestination destination)
            throws InvalidInputException {
        try {
            guards.secrets().requireBound(field, alias, destination);
        } catch (SecretRefusedException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + ": the binding of alias '" + alias + "' is misconfigured ("
                    + e.getMessage() + ")");
        }
    }
}
