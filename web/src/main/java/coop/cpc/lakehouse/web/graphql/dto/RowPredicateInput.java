package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("RowPredicateInput")
@Description("A condition on a column; conditions are combined with AND. Values are text in the column's format.")
public record RowPredicateInput(
        @NonNull String column, @NonNull PredicateOperator op, List<String> values) {}
