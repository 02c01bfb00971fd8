package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CohortAnalysis")
@Description("Cohort retention (definitions in docs/adapters.md); the matrix is also in the derived asset.")
public record CohortAnalysisResult(
        @NonNull @Id String derivedAssetId,
        @NonNull CohortPeriod period,
        String lastPeriod,
        @NonNull List<@NonNull Cohort> cohorts,
        @NonNull List<@NonNull String> insights) {

    @Type("Cohort")
    @Description(
            "active[p] customers of the cohort had an interaction p periods after it; retention[p] = active[p] / size.")
    public record Cohort(
            @NonNull String label,
            @NonNull String start,
            long size,
            @NonNull List<@NonNull Long> active,
            @NonNull List<@NonNull Double> retention) {}
}
