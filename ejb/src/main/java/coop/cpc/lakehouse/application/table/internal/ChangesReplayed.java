package coop.cpc.lakehouse.application.table.internal;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;

/**
 * How many changes the {@code changes} calls of one request have replayed. Each call replays its range
 * from the start up to the end of its page, so a GraphQL document naming {@code changes} under many
 * aliases would multiply that work; the calls of one request share one bound instead
 * ({@link ChangeFeed#MAX_CHANGES}, the bound of one range). A refused call counts what it replayed too.
 */
@RequestScoped
public class ChangesReplayed {
    private long count;

    /**
     * The request's count, or a fresh one outside a request or a container (tools, tests): then each
     * call has the whole bound.
     */
    static ChangesReplayed of(ChangesReplayed request) {
        if (request == null) {
            return new ChangesReplayed();
        }
        try {
            request.count();
            return request;
        } catch (ContextNotActiveException outsideARequest) {
            return new ChangesReplayed();
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized void add(long changes) {
        count += changes;
    }
}
