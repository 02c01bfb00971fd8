package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.ingest.source.ConfigSecretResolver;
import coop.cpc.lakehouse.application.ingest.source.FileDropPull;
import coop.cpc.lakehouse.application.ingest.source.SourceDefinitions;
import coop.cpc.lakehouse.application.ingest.source.LocalSourcePaths;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.HttpApiSource;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.files.GlobPattern;
import java.io.IOException;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a source definition before it is stored, so a bad one is refused with a message naming the
 * field instead of failing later in a run. What can change between now and a run (DNS, the source
 * table, the files) is checked again when a run opens the source.
 */
final class SourceValidator {
    /** host[:port]/database, nothing else: credentials go in user and passwordAlias, never in the URL. */
    private static final Pattern POSTGRES_URL =
            Pattern.compile("jdbc:postgresql://[A-Za-z0-9.\\-\\[\\]:]+(:\\d{1,5})?/[A-Za-z0-9_$\\-]{1,63}(\\?[A-Za-z0-9_=&.\\-]*)?");
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile("(?i)(^|[?&])(user|password|sslpassword)=");
    private static final int MAX_TREES = 1000;

    private SourceValidator() {
    }

    static void validate(SourceDefinition source, LakehouseSettings settings) throws InvalidInputException {
        if (source instanceof PostgresTableSource p) {
            postgres(p);
        } else if (source instanceof SledSource s) {
            sled(s, settings);
        } else if (source instanceof HttpApiSource h) {
            http(h);
        } else if (source instanceof FileDropSource f) {
            fileDrop(f, settings);
        }
    }

    private static void postgres(PostgresTableSource p) throws InvalidInputException {
        if (p.url() == null || !POSTGRES_URL.matcher(p.url()).matches()) {
            throw new InvalidInputException("postgresTable.url must look like jdbc:postgresql://host:port/database");
        }
        if (CREDENTIAL_PARAMETER.matcher(p.url()).find()) {
            throw new InvalidInputException("postgresTable.url must not hold credentials: give user and passwordAlias");
        }
        if (p.user() == null || p.user().isBlank() || p.user().length() > 63) {
            throw new InvalidInputException("postgresTable.user must be a role name");
        }
        alias("postgresTable.passwordAlias", p.passwordAlias());
        try {
            QualifiedTableName.parse(p.table());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("postgresTable.table: " + e.getMessage());
        }
        for (String column : p.columns()) {
            try {
                QualifiedTableName.requireIdentifier("column", column);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("postgresTable.columns: " + e.getMessage());
            }
        }
    }

    private static void sled(SledSource s, LakehouseSettings settings) throws InvalidInputException {
        Path folder = LocalSourcePaths.requireInsideRoots("sled.path", s.path(), settings.localSourceRoots());
        if (!Files.isRegularFile(folder.resolve("conf")) || !Files.isRegularFile(folder.resolve("db"))) {
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

    private static void http(HttpApiSource h) throws InvalidInputException {
        URI url;
        try {
            url = URI.create(h.url());
        } catch (RuntimeException e) {
            throw new InvalidInputException("httpApi.url is not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new InvalidInputException("httpApi.url must be an http or https URL with a host");
        }
        if (url.getUserInfo() != null) {
            throw new InvalidInputException("httpApi.url must not hold credentials: give auth with a secretAlias");
        }
        if (h.auth().kind() != HttpApiSource.AuthKind.NONE) {
            alias("httpApi.auth.secretAlias", h.auth().secretAlias());
            if (h.auth().secretAlias() == null) {
                throw new InvalidInputException("httpApi.auth.secretAlias must be given for " + h.auth().kind() + " auth");
            }
        }
        try {
            coop.cpc.lakehouse.application.ingest.source.HttpSources.check(h);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("httpApi: " + e.getMessage());
        }
    }

    private static void fileDrop(FileDropSource f, LakehouseSettings settings) throws InvalidInputException {
        LocalSourcePaths.requireInsideRoots("fileDrop.directory", f.directory(), settings.localSourceRoots());
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

    private static Path realPath(String folder) {
        try {
            return Path.of(folder).toRealPath();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void alias(String field, String alias) throws InvalidInputException {
        if (alias != null && !ConfigSecretResolver.ALIAS.matcher(alias).matches()) {
            throw new InvalidInputException(field + " must be an alias like crm_api_token ([a-z][a-z0-9_]*), not a secret");
        }
    }
}
