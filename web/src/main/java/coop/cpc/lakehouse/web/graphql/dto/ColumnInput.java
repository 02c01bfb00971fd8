package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ColumnInput")
@Description("A column: name [a-z][a-z0-9_]{0,62}, type from the fixed list.")
public record ColumnInput(
        @NonNull String name,
        @NonNull String type,
        @DefaultValue("true") Boolean nullable,
        @DefaultValue("false") Boolean primaryKey,
        @DefaultValue("NONE") PiiCategory pii) {}
