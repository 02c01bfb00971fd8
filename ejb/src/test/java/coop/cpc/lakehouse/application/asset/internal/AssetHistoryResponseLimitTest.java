package coop.cpc.lakehouse.application.asset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshots and segments of a page of assets (up to graphql_max_page_size of each, for up to
 * graphql_max_page_size assets: 250,000 rows with the default of 500) are refused unloaded when no answer could hold
 * them: the repository measures them in the query that would load them and returns none (the API counted them against
 * the response budget only once loaded, so one viewer's request loaded every row, with each segment's column
 * statistics, before it was refused). An answer that fits is picked by one query, not measured first and then picked
 * again (each picking runs a window over the assets' whole history).
 */
class AssetHistoryResponseLimitTest {
    private static final int RESPONSE_LIMIT = 10_000;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final DefaultAssetService service = AssetServiceFixture.wired(catalog);
    /** The repository methods the service called, in order. */
    private final List<String> asked = new ArrayList<>();
    /** The rows the repository loaded. */
    private int loaded;

    private final List<UUID> assets = List.of(UUID.randomUUID(), UUID.randomUUID());

    @BeforeEach
    void twoAssetsOfTenSnapshotsAndSegmentsEach() {
        service.settings = LakehouseSettings.from(name -> name.equals("data_lakehouse.graphql_max_response_bytes")
                ? Optional.of(Integer.toString(RESPONSE_LIMIT))
                : Optional.empty());
        // 250 characters of summary; 825 of column statistics.
        String summary = "{\"n\":\"" + "s".repeat(242) + "\"}";
        String statistics = "{\"v\":{\"min\":\"" + "a".repeat(400) + "\",\"max\":\"" + "z".repeat(400) + "\"}}";
        for (UUID asset : assets) {
            AssetSnapshot snapshot = AssetSnapshot.first(asset, SnapshotOperation.APPEND, summary, null, null);
            for (int i = 0; i < 10; i++) {
                catalog.snapshots.add(snapshot);
                catalog.segments.add(new WebmSegment(
                        asset,
                        snapshot.getId(),
                        asset + "/" + i + ".webm",
                        SegmentKind.DATA,
                        1,
                        100,
                        "0".repeat(64),
                        statistics,
                        snapshot.getSequenceNumber()));
                snapshot = AssetSnapshot.after(snapshot, SnapshotOperation.APPEND, summary, null, null);
            }
        }
        service.snapshots = recorded(SnapshotRepository.class, catalog.snapshots);
        service.segments = recorded(SegmentRepository.class, catalog.segments);
    }

    @Test
    void segmentsNoAnswerCouldHoldAreRefusedBeforeTheyAreLoaded() {
        // 20 segments of 300 bytes, a path of 43 characters and statistics of 825: 23,360 bytes.
        assertThatThrownBy(() -> service.segments(assets, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("segments would return about 23360 bytes, more than the 10000 of"
                        + " graphql_max_response_bytes: ask for fewer (last) or fewer assets");
        assertThat(asked).containsExactly("findByAssets", "sizeOfNewest");
        assertThat(loaded).isZero();
    }

    @Test
    void snapshotsNoAnswerCouldHoldAreRefusedBeforeTheyAreLoaded() {
        // 20 snapshots of 300 bytes and a summary of 250 characters: 11,000 bytes.
        assertThatThrownBy(() -> service.snapshots(assets, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("snapshots would return about 11000 bytes, more than the 10000 of"
                        + " graphql_max_response_bytes: ask for fewer (last) or fewer assets");
        assertThat(asked).containsExactly("findByAssets", "sizeOfNewest");
        assertThat(loaded).isZero();
    }

    @Test
    void historiesAnAnswerCanHoldAreLoaded() throws Exception {
        // 10 snapshots: 5,500 bytes; 8 segments: 9,344.
        assertThat(service.snapshots(assets, 5).values())
                .allSatisfy(s -> assertThat(s).hasSize(5));
        assertThat(service.segments(assets, 4).values())
                .allSatisfy(s -> assertThat(s).hasSize(4));
        assertThat(asked).containsExactly("findByAssets", "findByAssets");
    }

    /** The repository, recording the name of every method called on it. */
    private <T> T recorded(Class<T> port, T repository) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            asked.add(method.getName());
            try {
                Object answer = method.invoke(repository, args);
                if (method.getName().equals("findByAssets")) {
                    loaded += ((List<?>) answer).size();
                }
                return answer;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
