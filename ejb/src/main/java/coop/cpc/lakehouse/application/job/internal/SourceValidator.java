package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.ingest.source.ConfigSecretResolver;
import coop.cpc.lakehouse.application.ingest.source.LocalSourcePaths;
import coop.cpc.lakehouse.application.ingest.source.SourceDefinitions;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.HttpApiSource;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
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
    private static final Logger LOG = Logger.getLogger(SourceValidator.class.getName());

    private SourceValidator() {
    }

    static void validate(SourceDefinition source, LakehouseSettings settings) throws InvalidInputException {
        String field = field(source);
        try {
            if (source instanceof PostgresTableSource p) {
                postgres(p);
            } else if (source instanceof SledSource s) {
                sled(s, settings);
            } else if (source instanceof HttpApiSource h) {
                http(h);
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
        String glob = f.glob();
        if (glob == null || glob.isBlank() || glob.contains("/") || glob.contains("\\") || glob.contains("..")) {
            throw new InvalidInputException("fileDrop.glob must match file names in the folder, without separators or '..'");
        }
        for (Long limit : List.of(nonNull(f.maxFileBytes()), nonNull(f.maxDecompressedBytes()))) {
            if (limit < 1) {
                throw new InvalidInputException("fileDrop limits must be positive byte counts");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static long nonNull(Long value) {
        return value == null ? 1 : value;
    }

    private static void alias(String field, String alias) throws InvalidInputException {
        if (alias != null && !ConfigSecretResolver.ALIAS.matcher(alias).matches()) {
            throw new InvalidInputException(field + " must be an alias like crm_api_token ([a-z][a-z0-9_]*), not a secret");
        }
    }
}
