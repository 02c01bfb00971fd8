package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveSegmentCacheTest {
    private static final UUID ASSET = UUID.randomUUID();
    private static final String SHA = "0".repeat(64);

    @Test
    void aSnapshotsSegmentsAreAskedForOnceAndEachSnapshotHasItsOwn() {
        LiveSegmentCache cache = new LiveSegmentCache();
        AtomicInteger loads = new AtomicInteger();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        List<WebmSegment> a = cache.get(ASSET, first, () -> segments(2, loads));
        List<WebmSegment> again = cache.get(ASSET, first, () -> segments(2, loads));
        List<WebmSegment> b = cache.get(ASSET, second, () -> segments(3, loads));

        assertThat(again).isSameAs(a);
        assertThat(b).hasSize(3);
        assertThat(loads).hasValue(2);
    }

    @Test
    void aSnapshotIdOfAnotherAssetIsNotAnsweredFromTheCache() {
        LiveSegmentCache cache = new LiveSegmentCache();
        AtomicInteger loads = new AtomicInteger();
        UUID snapshot = UUID.randomUUID();

        cache.get(ASSET, snapshot, () -> segments(2, loads));
        List<WebmSegment> other = cache.get(UUID.randomUUID(), snapshot, () -> segments(1, loads));

        assertThat(other).hasSize(1);
        assertThat(loads).hasValue(2);
    }

    @Test
    void forgettingAnAssetLoadsItsSnapshotsAgainAndLeavesOthers() {
        LiveSegmentCache cache = new LiveSegmentCache();
        AtomicInteger loads = new AtomicInteger();
        UUID snapshot = UUID.randomUUID();
        UUID otherAsset = UUID.randomUUID();
        UUID otherSnapshot = UUID.randomUUID();
        cache.get(ASSET, snapshot, () -> segments(2, loads));
        cache.get(otherAsset, otherSnapshot, () -> segments(2, loads));

        cache.forget(ASSET);
        cache.get(ASSET, snapshot, () -> segments(2, loads));
        cache.get(otherAsset, otherSnapshot, () -> segments(2, loads));

        assertThat(loads).hasValue(3);
    }

    @Test
    void staysWithinItsSnapshotCountEvictingTheLeastRecentlyRead() {
        LiveSegmentCache cache = new LiveSegmentCache();
        AtomicInteger loads = new AtomicInteger();
        List<UUID> snapshots = new ArrayList<>();
        for (int i = 0; i <= LiveSegmentCache.MAX_SNAPSHOTS; i++) {
            UUID id = UUID.randomUUID();
            snapshots.add(id);
            cache.get(ASSET, id, () -> segments(1, loads));
            if (i == 0) {
                continue;
            }
            cache.get(ASSET, snapshots.get(0), () -> segments(1, loads)); // the first stays the most recent
        }

        assertThat(cache.size()).isEqualTo(LiveSegmentCache.MAX_SNAPSHOTS);
        int before = loads.get();
        cache.get(ASSET, snapshots.get(0), () -> segments(1, loads));
        assertThat(loads.get()).isEqualTo(before);
        cache.get(ASSET, snapshots.get(1), () -> segments(1, loads));
        assertThat(loads.get()).isEqualTo(before + 1);
    }

    @Test
    void aListLongerThanTheWholeBoundIsServedButNotKept() {
        LiveSegmentCache cache = new LiveSegmentCache();
        AtomicInteger loads = new AtomicInteger();
        UUID snapshot = UUID.randomUUID();

        cache.get(ASSET, snapshot, () -> segments(LiveSegmentCache.MAX_SEGMENTS + 1, loads));
        cache.get(ASSET, snapshot, () -> segments(LiveSegmentCache.MAX_SEGMENTS + 1, loads));

        assertThat(loads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void wideStatisticsAreBoundedByTheirEstimatedMemoryNotOnlyByTheSegmentCount() {
        LiveSegmentCache cache = new LiveSegmentCache();
        // 1,000 segments of an asset with a few thousand columns: far under the segment bound.
        String wide = "{\"c\":\"" + "x".repeat(10_000) + "\"}";
        List<UUID> snapshots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID snapshot = UUID.randomUUID();
            snapshots.add(snapshot);
            List<WebmSegment> list = new ArrayList<>();
            for (int s = 0; s < 1_000; s++) {
                list.add(new WebmSegment(
                        ASSET, snapshot, "a/" + i + "-" + s + ".webm", SegmentKind.DATA, 10, 100, SHA, wide, 1));
            }
            cache.get(ASSET, snapshot, () -> list);
        }

        assertThat(LiveSegmentCache.estimatedBytes(cache.get(ASSET, snapshots.get(3), List::of)))
                .isGreaterThan(LiveSegmentCache.MAX_BYTES / 2);
        assertThat(cache.size()).isEqualTo(1);
    }

    private static List<WebmSegment> segments(int count, AtomicInteger loads) {
        loads.incrementAndGet();
        List<WebmSegment> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new WebmSegment(
                    ASSET, UUID.randomUUID(), "a/" + i + ".webm", SegmentKind.DATA, 10, 100, SHA, "{}", 1));
        }
        return list;
    }
}
