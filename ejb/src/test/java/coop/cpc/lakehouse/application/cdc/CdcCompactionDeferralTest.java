package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** A stream that is catching up on a backlog lets its assets' automatic compaction wait; one that keeps up does not. */
class CdcCompactionDeferralTest {
    private static final String SCHEMA =
            "{\"columns\":[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false,\"primaryKey\":true}]}";
    private static final Schema ROW =
            SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final int THRESHOLD = 16;

    private final DataAsset asset =
            new DataAsset("sales", "orders", AssetType.STRUCTURED, Classification.INTERNAL, SCHEMA);
    private final CdcStream stream =
            OrdersStream.capturing(List.of(new CdcTable("public.orders", asset.getId(), List.of("id"))));
    private final CompactionDeferral deferral = new CompactionDeferral();
    private final CdcApplier applier = new CdcApplier();

    CdcCompactionDeferralTest() {
        applier.deferral = deferral;
        applier.catalog = new CdcCatalog() {
            @Override
            public void commitOffset(String connectorName, Map<String, ?> offset, long expectedVersion) {
                // Kept nowhere: these tests look only at the compaction's wait.
            }
        };
        applier.assets = (AssetRepository) Proxy.newProxyInstance(
                AssetRepository.class.getClassLoader(),
                new Class<?>[] {AssetRepository.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("find")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return Optional.of(asset);
                });
        applier.tables = new RecordedCommits().tables();
    }

    @Test
    void aCommitThatIsBehindHoldsTheCompactionAndTheNextOneThatKeepsUpReleasesIt() throws Exception {
        applier.apply(stream, List.of(insert(1)), Map.of("lsn", 1L), -1, new AssetSchemas(), true, List.of());
        assertThat(deferral.defers(asset.getId(), THRESHOLD, THRESHOLD)).isTrue();

        applier.apply(stream, List.of(insert(2)), Map.of("lsn", 2L), 0, new AssetSchemas(), false, List.of());
        assertThat(deferral.defers(asset.getId(), THRESHOLD, THRESHOLD)).isFalse();
    }

    @Test
    void aHeartbeatThatKeepsUpReleasesTheWaitAndOneThatIsBehindKeepsIt() throws Exception {
        applier.apply(stream, List.of(insert(1)), Map.of("lsn", 1L), -1, new AssetSchemas(), true, List.of());

        applier.apply(stream, List.of(), Map.of("lsn", 2L), 0, new AssetSchemas(), true, List.of());
        assertThat(deferral.defers(asset.getId(), THRESHOLD, THRESHOLD)).isTrue();

        applier.apply(stream, List.of(), Map.of("lsn", 3L), 1, new AssetSchemas(), false, List.of());
        assertThat(deferral.defers(asset.getId(), THRESHOLD, THRESHOLD)).isFalse();
    }

    @Test
    void aStreamWhoseEngineEndedHoldsNothing() throws Exception {
        applier.apply(stream, List.of(insert(1)), Map.of("lsn", 1L), -1, new AssetSchemas(), true, List.of());

        applier.streamEnded(stream);

        assertThat(deferral.defers(asset.getId(), THRESHOLD, THRESHOLD)).isFalse();
    }

    @Test
    void aStreamIsCatchingUpWhenItCommitsMoreThanTheLagBoundAfterTheSource() {
        long now = 1_000_000L;
        assertThat(StreamConsumer.catchingUp(now - StreamConsumer.CATCHING_UP_LAG_MS - 1, now))
                .isTrue();
        assertThat(StreamConsumer.catchingUp(now - StreamConsumer.CATCHING_UP_LAG_MS, now))
                .isFalse();
        assertThat(StreamConsumer.catchingUp(now - 50, now)).isFalse();
        assertThat(StreamConsumer.catchingUp(null, now))
                .as("no source time (no transaction metadata): not known to be behind")
                .isFalse();
    }

    private static SourceChange insert(long id) {
        return new SourceChange("public.orders", SourceChange.Kind.UPSERT, null, new Struct(ROW).put("id", id));
    }
}
