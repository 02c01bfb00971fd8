package coop.cpc.lakehouse.ingest.postgres;

import java.io.Serializable;
import java.util.List;

/**
 * How far a read got: rows delivered, and the primary key of the last one as text. A job stores
 * it as its checkpoint after each committed chunk and resumes with it after a crash.
 *
 * @param lastKey the key columns' values of the last row, or empty before the first row
 */
public record ReadPosition(long rowsRead, List<String> lastKey) implements Serializable {
    public static final ReadPosition START = new ReadPosition(0, List.of());

    public ReadPosition {
        lastKey = List.copyOf(lastKey);
    }
}
