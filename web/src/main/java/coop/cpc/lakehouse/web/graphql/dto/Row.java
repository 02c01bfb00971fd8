package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Row")
@Description(
        "One row: its values in the order of RowConnection.columns, as text (decimals plain, timestamps ISO-8601 UTC, bytes base64); null is null.")
public record Row(@NonNull List<String> values) {}
