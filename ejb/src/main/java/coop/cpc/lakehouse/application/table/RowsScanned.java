package coop.cpc.lakehouse.application.table;

import jakarta.enterprise.context.RequestScoped;

/**
 * How many stored rows the {@code rows} calls of one request have decoded to find their rows. A {@code where}
 * that no row group's statistics rule out decodes row group after row group until the page is full, so a
 * GraphQL document naming {@code rows} under many aliases would multiply that work; the calls of one request
 * share one budget instead ({@code graphql_max_scan_rows}), with {@code customerJourney}'s scans. A call that fails
 * counts what it decoded too.
 */
@RequestScoped
public class RowsScanned extends RequestCounter {

    /** The request's count, or a fresh one outside a request (see {@link RequestCounter#of}). */
    public static RowsScanned of(RowsScanned request) {
        return RequestCounter.of(request, RowsScanned::new);
    }
}
