package coop.cpc.lakehouse.ingest.http;

import java.util.Objects;

/** How the next page of an API is found. */
public sealed interface Pagination {

    /** Upper bound of an offset page size. */
    int MAX_PAGE_SIZE = 100_000;

    /** One page only. */
    record None() implements Pagination {}

    /**
     * {@code ?offset=0&limit=100}, then offset 100, 200, ... until a page holds fewer than
     * {@code pageSize} records. pageSize must not exceed what the server returns per page.
     */
    record Offset(String offsetParam, String limitParam, int pageSize, long start) implements Pagination {
        public Offset {
            requireName(offsetParam, "offsetParam");
            requireName(limitParam, "limitParam");
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("pageSize must be from 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
            }
            if (start < 0) {
                throw new IllegalArgumentException("offset pagination needs start >= 0, got " + start);
            }
        }
    }

    /**
     * The response field at {@code cursorPointer} (a JSON pointer, e.g. {@code /meta/next_cursor})
     * holds the next cursor, sent as {@code cursorParam}; absent, null or empty ends the run.
     */
    record Cursor(String cursorPointer, String cursorParam) implements Pagination {
        public Cursor {
            Objects.requireNonNull(cursorPointer, "cursorPointer");
            com.fasterxml.jackson.core.JsonPointer.compile(cursorPointer);
            requireName(cursorParam, "cursorParam");
        }
    }

    /** The {@code Link: <...>; rel="next"} response header names the next page (RFC 8288). */
    record LinkHeader() implements Pagination {}

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must be a parameter name");
        }
    }
}
