package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Interaction")
public record InteractionRecord(
        @NonNull String customerId,
        @NonNull String timestamp,
        String interactionType,
        String channel,
        String outcome,
        Double value) {}
