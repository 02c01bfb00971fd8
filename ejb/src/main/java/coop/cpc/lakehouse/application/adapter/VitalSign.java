package coop.cpc.lakehouse.application.adapter;

/** One vital sign as the health module sends it; timestamp in ISO-8601 UTC. */
public record VitalSign(
        String id,
        String userId,
        String timestamp,
        String measurementType,
        Double value,
        String unit,
        String source,
        String notes) {}
