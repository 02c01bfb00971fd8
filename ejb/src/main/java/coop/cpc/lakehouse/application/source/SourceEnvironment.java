package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.config.LakehouseSettings;

/** What source kinds read from the server: its settings and the guards of its sources. */
public record SourceEnvironment(LakehouseSettings settings, SourceGuards guards) {

    /** With the guards of the server's configuration. */
    public static SourceEnvironment of(LakehouseSettings settings) {
        return new SourceEnvironment(settings, SourceGuards.fromConfig());
    }
}
