package coop.cpc.lakehouse.application.cdc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The consumer tests' applier: each commit's changes, offset and completed copies, kept instead of written. */
class RecordingApplier extends CdcApplier {
    final List<List<SourceChange>> commits = new ArrayList<>();
    final List<Map<String, ?>> offsets = new ArrayList<>();
    final List<Collection<String>> copied = new ArrayList<>();

    @Override
    public long apply(
            CdcStream stream,
            List<SourceChange> changes,
            Map<String, ?> offset,
            long offsetVersion,
            AssetSchemas schemas,
            boolean catchingUp,
            Collection<String> copiedTables) {
        commits.add(List.copyOf(changes));
        offsets.add(offset);
        copied.add(List.copyOf(copiedTables));
        return offsets.size();
    }
}
