package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("FileDropSourceInput")
@Description("A watched folder: matching files (CSV with header, NDJSON, JSON array; maybe gzipped) are claimed, "
        + "ingested and moved to processed/ or quarantine/.")
public record FileDropSourceInput(
        @NonNull @Description("The folder, inside one of local_source_roots")
        String directory,

        @NonNull @Description("e.g. *.csv or vitals-*.{ndjson,json.gz}")
        String glob,

        Long maxFileBytes,
        Long maxDecompressedBytes) {}
