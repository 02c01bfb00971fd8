package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Column")
@Description("One column of an asset's schema.")
public record Column(
        @NonNull String name,

        @NonNull
        @Description(
                "bool, int32, int64, float32, float64, decimal(p,s), timestamp_ms, timestamp_us, date, string or bytes")
        String type,

        boolean nullable,
        boolean primaryKey,
        @NonNull PiiCategory pii) {}
