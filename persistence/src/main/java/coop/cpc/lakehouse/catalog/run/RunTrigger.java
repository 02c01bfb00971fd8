package coop.cpc.lakehouse.catalog.run;

/** What started an execution of an ingestion job. */
public enum RunTrigger {
    MANUAL,
    SCHEDULE,
    RESTART
}
