package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.registry.SourceKinds;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.http.HttpClients;

/** Validates settings the way the job service does, for the tests of the source kinds. */
final class Validation {

    private Validation() {}

    static void validate(SourceSettings source, LakehouseSettings settings) throws InvalidInputException {
        SourceKinds.validate(source, SourceEnvironment.of(settings, new HttpClients()));
    }

    static void validate(SourceSettings source, LakehouseSettings settings, SourceGuards guards)
            throws InvalidInputException {
        SourceKinds.validate(source, new SourceEnvironment(settings, guards, new HttpClients()));
    }

    /** An HTTP API source with only its URL, pagination and authentication given (the rest defaults). */
    static HttpApiSettings http(String url, HttpApiSettings.Pagination pagination, HttpApiSettings.Auth auth) {
        return new HttpApiSettings(url, null, pagination, auth, null, null, null, null, null);
    }

    static HttpApiSettings.Auth bearer(String secretAlias) {
        return new HttpApiSettings.Auth(HttpApiSettings.AuthKind.BEARER, secretAlias, null, null);
    }
}
