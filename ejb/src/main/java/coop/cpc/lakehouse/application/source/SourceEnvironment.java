package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.http.HttpClients;

/**
 * What source kinds read from the server: its settings, the guards of its sources, and the HTTP
 * clients its HTTP API sources share (one per connect timeout, closed with the application).
 */
public record SourceEnvironment(LakehouseSettings settings, SourceGuards guards, HttpClients httpClients) {

    /** With the guards of the server's configuration. */
    public static SourceEnvironment of(LakehouseSettings settings, HttpClients httpClients) {
        return new SourceEnvironment(settings, SourceGuards.fromConfig(), httpClients);
    }
}
