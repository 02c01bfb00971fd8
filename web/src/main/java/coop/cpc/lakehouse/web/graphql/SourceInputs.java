package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableSettings;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import coop.cpc.lakehouse.ingest.sled.SledValueFormat;
import coop.cpc.lakehouse.web.graphql.dto.FileDropSourceInput;
import coop.cpc.lakehouse.web.graphql.dto.HttpApiSourceInput;
import coop.cpc.lakehouse.web.graphql.dto.HttpAuthInput;
import coop.cpc.lakehouse.web.graphql.dto.HttpPaginationInput;
import coop.cpc.lakehouse.web.graphql.dto.PostgresTableSourceInput;
import coop.cpc.lakehouse.web.graphql.dto.SledSourceInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The source fields of a job input (postgresTable, sled, httpApi, fileDrop) as the one
 * {@link SourceSettings} they describe. Only the shape is checked here; the service validates the
 * values (URL, paths, aliases, names).
 */
record SourceInputs(
        PostgresTableSourceInput postgresTable,
        SledSourceInput sled,
        HttpApiSourceInput httpApi,
        FileDropSourceInput fileDrop) {
    static final String FIELDS = "postgresTable, sled, httpApi, fileDrop";

    /** The source of a new job: exactly one field must be given. */
    SourceSettings required() throws InvalidInputException {
        List<String> given = given();
        if (given.size() != 1) {
            throw new InvalidInputException("give exactly one of " + FIELDS + "; got " + count(given));
        }
        return definition();
    }

    /** The new source of a job being updated: at most one field, or null to keep the job's source. */
    SourceSettings optional() throws InvalidInputException {
        List<String> given = given();
        if (given.size() > 1) {
            throw new InvalidInputException("give at most one of " + FIELDS + "; got " + count(given));
        }
        return given.isEmpty() ? null : definition();
    }

    private List<String> given() {
        List<String> given = new ArrayList<>();
        if (postgresTable != null) {
            given.add("postgresTable");
        }
        if (sled != null) {
            given.add("sled");
        }
        if (httpApi != null) {
            given.add("httpApi");
        }
        if (fileDrop != null) {
            given.add("fileDrop");
        }
        return given;
    }

    private static String count(List<String> given) {
        return given.isEmpty() ? "none" : given.size() + ": " + String.join(", ", given);
    }

    private SourceSettings definition() throws InvalidInputException {
        if (postgresTable != null) {
            return postgresSource(postgresTable);
        }
        if (sled != null) {
            return sledSource(sled);
        }
        if (httpApi != null) {
            return httpSource(httpApi);
        }
        return fileDropSource(fileDrop);
    }

    private static PostgresTableSettings postgresSource(PostgresTableSourceInput input) throws InvalidInputException {
        return new PostgresTableSettings(
                input.url(),
                input.user(),
                input.passwordAlias(),
                input.table(),
                strings("postgresTable.columns", input.columns()));
    }

    private static SledSettings sledSource(SledSourceInput input) throws InvalidInputException {
        return new SledSettings(
                input.path(),
                strings("sled.trees", input.trees()),
                input.targetNamespace(),
                input.assetPrefix(),
                Assembler.byName(input.valueFormat(), SledValueFormat.class),
                Assembler.columns("sled.valueColumns", input.valueColumns()));
    }

    private static HttpApiSettings httpSource(HttpApiSourceInput input) throws InvalidInputException {
        return new HttpApiSettings(
                input.url(),
                input.recordsPointer(),
                pagination(input.pagination()),
                auth(input.auth()),
                input.connectTimeoutSeconds(),
                input.readTimeoutSeconds(),
                input.maxRetries(),
                input.maxResponseBytes(),
                input.maxPages());
    }

    private static FileDropSettings fileDropSource(FileDropSourceInput input) {
        return new FileDropSettings(
                input.directory(), input.glob(), input.maxFileBytes(), input.maxDecompressedBytes());
    }

    private static HttpApiSettings.Pagination pagination(HttpPaginationInput input) throws InvalidInputException {
        if (input == null) {
            return null;
        }
        if (input.kind() == null) {
            throw new InvalidInputException("httpApi.pagination.kind is required");
        }
        return new HttpApiSettings.Pagination(
                Assembler.byName(input.kind(), HttpApiSettings.PaginationKind.class),
                input.offsetParam(),
                input.limitParam(),
                input.pageSize(),
                input.cursorPointer(),
                input.cursorParam());
    }

    private static HttpApiSettings.Auth auth(HttpAuthInput input) throws InvalidInputException {
        if (input == null) {
            return null;
        }
        if (input.kind() == null) {
            throw new InvalidInputException("httpApi.auth.kind is required");
        }
        return new HttpApiSettings.Auth(
                Assembler.byName(input.kind(), HttpApiSettings.AuthKind.class),
                input.secretAlias(),
                input.username(),
                input.headerName());
    }

    private static List<String> strings(String field, List<String> values) throws InvalidInputException {
        if (values != null && values.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException(field + " must not contain null");
        }
        return values;
    }
}
