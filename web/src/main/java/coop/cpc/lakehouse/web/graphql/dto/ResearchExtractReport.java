package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ResearchExtractReport")
@Description("A published research extract: k reached, rows suppressed, information loss (0 to 1), the level each"
        + " quasi-identifier was generalized to, and how every source column was treated.")
public record ResearchExtractReport(
        @NonNull @Id String assetId,
        @NonNull @Id String pseudonymAssetId,
        long rows,
        int k,
        int kReached,
        int rowsSuppressed,
        double informationLoss,
        int classes,
        @NonNull List<@NonNull QuasiIdentifierLevel> quasiIdentifiers,
        @NonNull List<@NonNull ExtractColumnMapping> columns) {

    @Type("QuasiIdentifierLevel")
    public record QuasiIdentifierLevel(@NonNull String column, int level) {}

    @Type("ExtractColumnMapping")
    @Description("output is null for a source column left out.")
    public record ExtractColumnMapping(
            String output,
            @NonNull List<@NonNull String> inputs,
            @NonNull String rule,
            @NonNull String reason) {}
}
