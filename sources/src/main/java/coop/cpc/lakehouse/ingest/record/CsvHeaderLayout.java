package coop.cpc.lakehouse.ingest.record;

import java.util.List;

/**
 * Where each schema column sits in a CSV file's records, bound once from the header row by
 * {@link RecordConverter#bindHeader(List)}.
 */
public final class CsvHeaderLayout {

    private final List<String> header;
    private final int[] fieldOfColumn;

    CsvHeaderLayout(List<String> header, int[] fieldOfColumn) {
        this.header = List.copyOf(header);
        this.fieldOfColumn = fieldOfColumn.clone();
    }

    public List<String> header() {
        return header;
    }

    /** The index of the field holding the column of this ordinal, or -1 when the header lacks it. */
    int fieldOf(int ordinal) {
        return fieldOfColumn[ordinal];
    }
}
