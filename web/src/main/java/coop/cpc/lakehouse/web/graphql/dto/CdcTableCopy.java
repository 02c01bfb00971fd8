package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CdcTableCopy")
@Description("The copy of the rows a table held when updateCdcStream added it to the stream (docs/cdc.md)")
public record CdcTableCopy(
        @NonNull CdcTableCopyState state,
        @NonNull @Description("When the table was added") OffsetDateTime requestedAt,

        @Description("When the copy committed; null until then")
        OffsetDateTime completedAt) {}
