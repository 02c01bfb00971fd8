package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("RowColumn")
public record RowColumn(@NonNull String name, @NonNull String type) {}
