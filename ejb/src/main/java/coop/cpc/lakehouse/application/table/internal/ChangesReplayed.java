package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.RequestCounter;
import jakarta.enterprise.context.RequestScoped;

/**
 * How many changes the {@code changes} calls of one request have replayed. Each call replays its range
 * from the start up to the end of its page, so a GraphQL document naming {@code changes} under many
 * aliases would multiply that work; the calls of one request share one bound instead
 * ({@link ChangeFeed#MAX_CHANGES}, the bound of one range). A refused call counts what it replayed too.
 */
@RequestScoped
public class ChangesReplayed extends RequestCounter {

    /** The request's count, or a fresh one outside a request (see {@link RequestCounter#of}). */
    static ChangesReplayed of(ChangesReplayed request) {
        return RequestCounter.of(request, ChangesReplayed::new);
    }
}
