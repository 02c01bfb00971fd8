package coop.cpc.lakehouse.catalog.lineage;

/** How a target asset was derived; stored by name in {@code data_lineage.transformation}. */
public enum Transformation {
    INGEST,
    CDC,
    ANONYMIZE_RESEARCH,
    JOURNEY_ANALYTICS,
    COHORT_ANALYSIS,
    COMPACT,
    AGGREGATE,
    EXPORT
}
