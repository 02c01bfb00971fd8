package coop.cpc.lakehouse.ingest.record;

import java.util.List;
import java.util.Set;

/**
 * The column mapping a converter observed over the records it converted: which input field fed
 * each column, and which input fields no column took.
 *
 * @param mappings        one entry per (column, source field) pair seen, in schema order
 * @param unmappedFields  input fields ignored because no column has their name, sorted; at most
 *                        {@link RecordConverter#MAX_UNMAPPED_REPORTED} of them
 * @param unmappedTruncated true when more unmapped fields were seen than are listed
 */
public record MappingReport(List<ColumnMapping> mappings, Set<String> unmappedFields, boolean unmappedTruncated) {

    public MappingReport {
        mappings = List.copyOf(mappings);
        unmappedFields = Set.copyOf(unmappedFields);
    }
}
