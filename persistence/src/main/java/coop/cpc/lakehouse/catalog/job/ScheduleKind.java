package coop.cpc.lakehouse.catalog.job;

/** When a job runs; stored by name in {@code ingestion_jobs.schedule}. */
public enum ScheduleKind {
    /** Only when started by hand. */
    MANUAL,
    /** Continuously (CDC). */
    REALTIME,
    /** Every ISO-8601 duration given as the expression, e.g. {@code PT15M}. */
    INTERVAL,
    /** By the cron expression given as the expression. */
    CRON;

    /** Whether a schedule of this kind needs an expression (the table enforces it too). */
    public boolean needsExpression() {
        return this == INTERVAL || this == CRON;
    }
}
