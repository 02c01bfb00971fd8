package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The bytes of row values one GraphQL request may still return ({@code graphql_max_response_bytes}
 * for the whole request): several {@code rows} fields, or one aliased many times, share it.
 */
@RequestScoped
public class ResponseBudget {

    @Inject
    LakehouseSettings settings;

    private long remaining;

    @PostConstruct
    void start() {
        remaining = settings.graphqlMaxResponseBytes();
    }

    public synchronized long remaining() {
        return remaining;
    }

    public synchronized void spend(long bytes) {
        remaining = Math.max(0, remaining - bytes);
    }
}
