package coop.cpc.lakehouse.application.ingest.source;

import coop.cpc.lakehouse.application.job.source.HttpApiSource;
import java.util.Set;

/** Checks an HTTP source definition the way a run will read it. */
public final class HttpSources {

    private HttpSources() {
    }

    /** @throws IllegalArgumentException naming what the library refuses (pagination, auth, limits) */
    public static void check(HttpApiSource source) {
        HttpApiPull.config(source, Set.of());
    }
}
