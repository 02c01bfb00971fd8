package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CdcStreamTable")
public record CdcStreamTable(
        @NonNull @Description("schema.table in the source") String table,
        @NonNull String assetId,

        @Description("The asset's row count: row versions its segments hold (superseded ones until compaction)")
        long rows,

        @Description("The copy of its rows when it was added to a running stream; null for a table the stream was"
                + " created with")
        CdcTableCopy copy) {}
