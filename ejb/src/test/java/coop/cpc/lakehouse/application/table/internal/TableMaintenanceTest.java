package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.CompactionStarts;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TableMaintenanceTest {

    private final List<DataAsset> assets = new ArrayList<>();
    private final Map<UUID, List<WebmSegment>> live = new HashMap<>();
    private final RecordingMaintenanceJobs jobs = new RecordingMaintenanceJobs();

    @Test
    void theDailyScheduleIsTheConfiguredHourAt23PastInUtcEveryDay() {
        ScheduleExpression at5 = TableMaintenance.dailyAt(5);

        assertThat(at5.getTimezone()).isEqualTo("UTC");
        assertThat(at5.getHour()).isEqualTo("5");
        assertThat(at5.getMinute()).isEqualTo("23");
        assertThat(at5.getSecond()).isEqualTo("0");
        assertThat(List.of(at5.getDayOfMonth(), at5.getDayOfWeek(), at5.getMonth(), at5.getYear()))
                .containsOnly("*");
        assertThat(TableMaintenance.dailyAt(0).getHour()).isEqualTo("0");
        assertThat(TableMaintenance.dailyAt(23).getHour()).isEqualTo("23");
    }

    @Test
    void anHourOutsideTheDayIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> TableMaintenance.dailyAt(24))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maintenance_hour_utc")
                .hasMessageContaining("24");
        assertThatThrownBy(() -> TableMaintenance.dailyAt(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startupRegistersOneNonPersistentCalendarTimerAtTheConfiguredHour() {
        List<Object[]> created = new ArrayList<>();
        TableMaintenance maintenance = new TableMaintenance();
        maintenance.settings = LakehouseSettings.from(
                name -> name.endsWith("maintenance_hour_utc") ? Optional.of("7") : Optional.empty());
        maintenance.timers = (TimerService) Proxy.newProxyInstance(
                TimerService.class.getClassLoader(), new Class<?>[] {TimerService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createCalendarTimer")) {
                        created.add(args);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        maintenance.schedule();

        assertThat(created).hasSize(1);
        ScheduleExpression expression = (ScheduleExpression) created.get(0)[0];
        TimerConfig config = (TimerConfig) created.get(0)[1];
        assertThat(expression.getHour()).isEqualTo("7");
        assertThat(expression.getMinute()).isEqualTo("23");
        assertThat(expression.getTimezone()).isEqualTo("UTC");
        assertThat(config.getInfo()).isEqualTo(TableMaintenance.TIMER);
        assertThat(config.isPersistent()).isFalse();
    }

    @Test
    void theTimeoutCompactsExactlyTheAssetsWithChangeSegmentsAcrossPagesThenExpiresSnapshotsOnce() {
        // 450 assets: more than two pages of 200, so the paging cursor must move on.
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            DataAsset asset = asset("ns" + (i % 3), String.format("asset_%03d", i));
            switch (i % 5) {
                case 0 -> {
                    // Data committed after the base: change segments.
                    committed(asset, data(asset, 1), data(asset, 2));
                    expected.add(asset.getId());
                }
                case 1 -> {
                    // A delete segment: a change segment.
                    committed(asset, data(asset, 1), deletes(asset, 2));
                    expected.add(asset.getId());
                }
                case 2 -> committed(asset, data(asset, 1), data(asset, 1)); // one commit's segments: nothing to merge
                case 3 -> {} // never committed: no snapshot at all
                default -> {
                    // Changes, but a compaction of it runs already.
                    committed(asset, data(asset, 1), deletes(asset, 2));
                    jobs.running.put(asset.getId(), 1L);
                }
            }
        }

        maintenance().daily();

        assertThat(jobs.compactions).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jobs.compactions).doesNotHaveDuplicates();
        assertThat(jobs.expiries).isEqualTo(1);
    }

    @Test
    void withNoAssetsTheTimeoutStillExpiresSnapshots() {
        maintenance().daily();

        assertThat(jobs.compactions).isEmpty();
        assertThat(jobs.expiries).isEqualTo(1);
    }

    private TableMaintenance maintenance() {
        TableMaintenance maintenance = new TableMaintenance();
        maintenance.compactionStarts = new CompactionStarts();
        maintenance.assets = port(AssetRepository.class, (method, args) -> {
            if (!method.equals("page")) {
                throw new UnsupportedOperationException(method);
            }
            AssetCursor after = (AssetCursor) args[2];
            int limit = (Integer) args[3];
            Comparator<DataAsset> order =
                    Comparator.comparing(DataAsset::getNamespace).thenComparing(DataAsset::getName);
            return assets.stream()
                    .sorted(order)
                    .filter(a -> after == null
                            || a.getNamespace().compareTo(after.namespace()) > 0
                            || a.getNamespace().equals(after.namespace())
                                    && a.getName().compareTo(after.name()) > 0)
                    .limit(limit)
                    .toList();
        });
        maintenance.segments = port(SegmentRepository.class, (method, args) -> {
            if (!method.equals("findLiveAt")) {
                throw new UnsupportedOperationException(method);
            }
            DataAsset asset = assets.stream()
                    .filter(a -> a.getId().equals(args[0]))
                    .findFirst()
                    .orElseThrow();
            assertThat(args[1]).isEqualTo(asset.getCurrentSnapshotId());
            return live.getOrDefault(asset.getId(), List.of());
        });
        // The service looks the batch adapter up lazily (Liberty starts the batch module after this one).
        maintenance.maintenance = port(Instance.class, (method, args) -> {
            if (!method.equals("get")) {
                throw new UnsupportedOperationException(method);
            }
            return jobs;
        });
        return maintenance;
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T port(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(
                type.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args));
    }

    private DataAsset asset(String namespace, String name) {
        DataAsset asset = new DataAsset(namespace, name, AssetType.STRUCTURED, Classification.INTERNAL, "[]");
        assets.add(asset);
        return asset;
    }

    private void committed(DataAsset asset, WebmSegment... segments) {
        UUID snapshot = UUID.randomUUID();
        asset.commitSnapshot(snapshot, 10, 100);
        live.put(asset.getId(), List.of(segments));
    }

    private static WebmSegment data(DataAsset asset, long sequence) {
        return segment(asset, SegmentKind.DATA, sequence);
    }

    private static WebmSegment deletes(DataAsset asset, long sequence) {
        return segment(asset, SegmentKind.DELETES, sequence);
    }

    private static WebmSegment segment(DataAsset asset, SegmentKind kind, long sequence) {
        return new WebmSegment(
                asset.getId(),
                UUID.randomUUID(),
                asset.getName() + "/" + UUID.randomUUID() + ".webm",
                kind,
                5,
                50,
                "0".repeat(64),
                "{}",
                sequence);
    }
}
