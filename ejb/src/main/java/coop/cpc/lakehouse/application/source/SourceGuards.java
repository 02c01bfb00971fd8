package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.http.SecretResolver;
import coop.cpc.lakehouse.ingest.http.SsrfGuard;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseGuard;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What guards a job's sources, at creation and again when a run opens them: the secrets and their
 * bindings, the address guards with their allow-lists, and the catalog database no source may read.
 * Configuration is read only when a guard is used, so validating a file drop never touches it.
 */
public record SourceGuards(SecretResolver secrets, Supplier<Optional<String>> catalogUrl, SsrfGuard.Resolver resolver) {

    /** The catalog datasource's URL property (see configure-datasource.cli). */
    public static final String CATALOG_URL = "lakehouse.db.url";

    /** From MicroProfile Config, with the system's DNS. */
    public static SourceGuards fromConfig() {
        return new SourceGuards(
                new ConfigSecretResolver(),
                () -> ConfigProvider.getConfig().getOptionalValue(CATALOG_URL, String.class),
                InetAddress::getAllByName);
    }

    public SsrfGuard http(LakehouseSettings settings) {
        return new SsrfGuard(settings.httpSourceAllowList(), resolver);
    }

    public SourceDatabaseGuard postgres(LakehouseSettings settings) {
        return new SourceDatabaseGuard(settings.postgresSourceAllowList(), catalogUrl.get(), resolver);
    }
}
