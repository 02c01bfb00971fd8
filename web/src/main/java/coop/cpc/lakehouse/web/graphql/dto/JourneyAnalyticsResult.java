package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("JourneyAnalytics")
@Description("Journey analytics of an interactions asset (definitions in docs/adapters.md); each customer's journey is"
        + " in the derived asset.")
public record JourneyAnalyticsResult(
        @NonNull @Id String derivedAssetId,
        long customers,
        long interactions,
        long converted,
        double conversionRate,
        @NonNull List<@NonNull Transition> transitions,
        @NonNull List<@NonNull PathFrequency> paths,
        @NonNull List<@NonNull FunnelStep> funnel,
        long otherPaths) {

    @Type("JourneyTransition")
    public record Transition(@NonNull String from, @NonNull String to, long count) {}

    @Type("PathFrequency")
    public record PathFrequency(@NonNull String path, long customers) {}

    @Type("FunnelStep")
    public record FunnelStep(@NonNull String step, long customers, double rate) {}
}
