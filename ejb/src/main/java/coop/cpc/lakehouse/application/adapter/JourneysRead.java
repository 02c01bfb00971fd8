package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.table.RequestCounter;
import jakarta.enterprise.context.RequestScoped;

/**
 * How many {@code customerJourney} calls one request has made. A journey has no cursor to resume at, so the
 * request's first one completes whatever it decodes (as each {@code rows} field reads at least one row group);
 * the later ones decode only what is left of {@code graphql_max_scan_rows}.
 */
@RequestScoped
public class JourneysRead extends RequestCounter {

    /** The request's count, or a fresh one outside a request (see {@link RequestCounter#of}). */
    static JourneysRead of(JourneysRead request) {
        return RequestCounter.of(request, JourneysRead::new);
    }

    /** Counts a journey, and says whether it is the request's first (atomically: fields may run concurrently). */
    synchronized boolean countFirst() {
        boolean first = count() == 0;
        add(1);
        return first;
    }
}
