package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("VitalSignInput")
@Description("One vital sign of the health module; timestamp ISO-8601 UTC.")
public record VitalSignInput(
        @NonNull String id,
        @NonNull String userId,
        @NonNull String timestamp,
        @NonNull String measurementType,
        @NonNull Double value,
        String unit,
        String source,
        String notes) {}
