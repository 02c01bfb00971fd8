package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("InteractionInput")
@Description("One CRM interaction; timestamp ISO-8601 UTC; outcome converted counts as a conversion.")
public record InteractionInput(
        @NonNull String customerId,
        @NonNull String timestamp,
        @NonNull String interactionType,
        String channel,
        String outcome,
        Double value) {}
