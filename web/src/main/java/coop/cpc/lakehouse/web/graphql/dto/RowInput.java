package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("RowInput")
@Description("One row's values in the order of the columns given, as text in each column's format; null for null.")
public record RowInput(@NonNull List<String> values) {}
