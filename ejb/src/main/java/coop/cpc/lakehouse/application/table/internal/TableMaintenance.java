package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.CompactionStarts;
import coop.cpc.lakehouse.application.table.MaintenanceJobs;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * The daily table maintenance at {@code maintenance_hour_utc}: starts the {@code compact-asset} job for
 * every asset with change segments, then the {@code expire-snapshots} job. (A commit that leaves an asset
 * with {@code compaction_change_segments} change segments starts its compaction at once.)
 */
@Singleton
@Startup
@DependsOn("CatalogStartup")
public class TableMaintenance {
    private static final Logger LOG = Logger.getLogger(TableMaintenance.class.getName());
    private static final int PAGE = 200;

    @Resource
    TimerService timers;

    @Inject
    LakehouseSettings settings;

    @Inject
    AssetRepository assets;

    @Inject
    SegmentRepository segments;

    // Looked up when the timer fires, not injected at start-up: the bean lives in the batch module,
    // which Open Liberty starts after this one (docs/deployment.md).
    @Inject
    Instance<MaintenanceJobs> maintenance;

    @Inject
    CompactionStarts compactionStarts;

    /** The info of the daily timer (what an operator sees in WildFly's timer listing). */
    static final String TIMER = "table-maintenance";

    @PostConstruct
    void schedule() {
        // Not persistent: the schedule comes from the configuration at every start, never from an old timer.
        timers.createCalendarTimer(dailyAt(settings.maintenanceHourUtc()), new TimerConfig(TIMER, false));
    }

    /** Every day at {@code hourUtc}:23:00 UTC (23 past: away from the top of the hour, when other jobs start). */
    static ScheduleExpression dailyAt(int hourUtc) {
        if (hourUtc < 0 || hourUtc > 23) {
            throw new IllegalArgumentException("maintenance_hour_utc is " + hourUtc + ", not an hour from 0 to 23");
        }
        return new ScheduleExpression()
                .timezone("UTC")
                .dayOfMonth("*")
                .dayOfWeek("*")
                .month("*")
                .year("*")
                .hour(hourUtc)
                .minute(23)
                .second(0);
    }

    @Timeout
    public void daily() {
        int started = 0;
        AssetCursor after = null;
        while (true) {
            List<DataAsset> page = assets.page(null, List.of(), after, PAGE);
            for (DataAsset asset : page) {
                if (asset.getCurrentSnapshotId() != null
                        && !MergeIndex.changeSegments(segments.findLiveAt(asset.getId(), asset.getCurrentSnapshotId()))
                                .isEmpty()
                        && compactionStarts
                                .startUnlessRunning(asset.getId(), maintenance.get())
                                .started()) {
                    started++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            DataAsset last = page.get(page.size() - 1);
            after = new AssetCursor(last.getNamespace(), last.getName());
        }
        long expiry = maintenance.get().startSnapshotExpiry();
        int compactions = started;
        LOG.info(() -> "Table maintenance: started " + compactions + " compaction(s) and expire-snapshots execution "
                + expiry);
    }
}
