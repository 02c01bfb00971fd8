package coop.cpc.lakehouse.application.cdc;

import org.apache.kafka.connect.data.Struct;

/**
 * One change of a captured table, as Debezium reported it: the row before (key columns, or all of
 * them under REPLICA IDENTITY FULL) and after, as Kafka Connect structs.
 */
public record SourceChange(String sourceTable, Kind kind, Struct before, Struct after) {

    public enum Kind {
        /** An insert, an update, or a row of the initial snapshot: the row after replaces the row with its key. */
        UPSERT,
        /** The row with the key of {@code before} goes. */
        DELETE,
        /** Every row goes (TRUNCATE, applied as an overwrite). */
        TRUNCATE
    }
}
