package coop.cpc.lakehouse.application.table;

import jakarta.enterprise.context.ContextNotActiveException;
import java.util.function.Supplier;

/**
 * A count of work the calls of one request share (its subclasses are request-scoped beans, one per kind of
 * work), so that a GraphQL document naming a field under many aliases cannot multiply that work.
 */
public abstract class RequestCounter {
    private long count;

    /**
     * The request's counter, or a fresh one from {@code fresh} outside a request or a container (tools, tests):
     * then each call has the whole bound.
     */
    protected static <T extends RequestCounter> T of(T request, Supplier<T> fresh) {
        if (request == null) {
            return fresh.get();
        }
        try {
            request.count();
            return request;
        } catch (ContextNotActiveException outsideARequest) {
            return fresh.get();
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized void add(long work) {
        count += work;
    }
}
