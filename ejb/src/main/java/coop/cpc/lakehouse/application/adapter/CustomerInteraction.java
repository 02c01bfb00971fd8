package coop.cpc.lakehouse.application.adapter;

/** One CRM interaction as the CRM module sends it; timestamp in ISO-8601 UTC. */
public record CustomerInteraction(
        String customerId, String timestamp, String interactionType, String channel, String outcome, Double value) {}
