package coop.cpc.lakehouse.ingest;

import java.util.Objects;

/**
 * A source record that could not become a row: where it was and why. Written with its reason
 * to the job's rejects file and counted on the job; never silently dropped.
 *
 * @param source   what the record came from: a file name, a URL, a table
 * @param position where in the source: line number, record index, page and index
 * @param reason   what is wrong, naming the column
 */
public record RejectedRecord(String source, String position, String reason) {

    public RejectedRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(reason, "reason");
    }
}
