package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.ingest.http.HttpClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's one set of HTTP clients for HTTP API sources: every run shares them (a client per
 * run left a selector thread per run until a garbage collection), and they are dropped when the
 * application stops, so a redeploy does not keep the old deployment's clients.
 */
@ApplicationScoped
public class SharedHttpClients {
    private final HttpClients clients = new HttpClients();

    public HttpClients clients() {
        return clients;
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
