package coop.cpc.lakehouse.application.source.http;

import coop.cpc.lakehouse.application.source.SourceSettings;

/**
 * An HTTP API that returns JSON pages. Unset limits take the defaults of
 * {@code coop.cpc.lakehouse.ingest.http.HttpSourceConfig}.
 *
 * @param url            the first page, http or https; loopback, private and link-local hosts are
 *                       refused unless {@code http_source_allow_list} names them
 * @param recordsPointer JSON pointer to the array of records in a page ("" for a top-level array)
 */
public record HttpApiSettings(
        String url,
        String recordsPointer,
        Pagination pagination,
        Auth auth,
        Integer connectTimeoutSeconds,
        Integer readTimeoutSeconds,
        Integer maxRetries,
        Long maxResponseBytes,
        Integer maxPages)
        implements SourceSettings {

    public HttpApiSettings {
        recordsPointer = recordsPointer == null ? "" : recordsPointer;
        pagination =
                pagination == null ? new Pagination(PaginationKind.NONE, null, null, null, null, null) : pagination;
        auth = auth == null ? new Auth(AuthKind.NONE, null, null, null) : auth;
    }

    public enum PaginationKind {
        NONE,
        OFFSET,
        CURSOR,
        LINK_HEADER
    }

    /** OFFSET uses offsetParam, limitParam, pageSize; CURSOR uses cursorPointer and cursorParam. */
    public record Pagination(
            PaginationKind kind,
            String offsetParam,
            String limitParam,
            Integer pageSize,
            String cursorPointer,
            String cursorParam) {}

    public enum AuthKind {
        NONE,
        BEARER,
        BASIC,
        API_KEY
    }

    /** BEARER uses secretAlias; BASIC username and secretAlias; API_KEY headerName and secretAlias. */
    public record Auth(AuthKind kind, String secretAlias, String username, String headerName) {}
}
