package coop.cpc.lakehouse.application.cdc;

import java.util.List;

/** What a client gives to create a stream; validated by {@link CdcStreamService}. */
public record NewCdcStream(
        String name,
        String url,
        String user,
        String passwordAlias,
        List<String> tables,
        String targetNamespace,
        CdcStream.SnapshotMode snapshotMode,
        List<String> tags) {
    public NewCdcStream {
        tables = tables == null ? List.of() : List.copyOf(tables);
        tags = tags == null ? List.of() : List.copyOf(tags);
        snapshotMode = snapshotMode == null ? CdcStream.SnapshotMode.INITIAL : snapshotMode;
    }
}
