package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The CDC benchmark's no-op engines run with the server's engine settings ({@link CdcEngineHost#engineProperties},
 * read here rather than copied, so that a change of the server's settings reaches the baseline too), but for the
 * offset store: a file here, the catalog there. In this package because those settings are package-private.
 */
public final class NoOpEngineSettings {

    private NoOpEngineSettings() {}

    /**
     * The settings of an engine that reads {@code table} (and the heartbeat table) of the source at {@code url}
     * as user postgres without password, from its own {@code slot} and {@code publication}, changes only (no
     * snapshot), keeping its offsets in {@code offsets}. The engine's name is derived from its slot, so that a second
     * engine of the same slot and offsets file resumes where the first stopped.
     */
    public static Properties of(
            String url, String table, String slot, String publication, Path offsets, int heartbeatMs) {
        CdcStream stream = new CdcStream(
                UUID.nameUUIDFromBytes(slot.getBytes(StandardCharsets.UTF_8)),
                slot,
                url,
                "postgres",
                null,
                "bench",
                CdcStream.SnapshotMode.NO_DATA,
                slot,
                publication,
                false,
                false,
                List.of(),
                null,
                List.of(new CdcTable(table, UUID.randomUUID(), List.of("id"))),
                Instant.now(),
                0);
        SourceEndpoint endpoint = new SourceEndpoint(SourceDatabaseUrl.parse(url), "127.0.0.1", "postgres", "", false);
        Properties p = CdcEngineHost.engineProperties(stream, endpoint, true, heartbeatMs, 0);
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsets.toString());
        return p;
    }
}
