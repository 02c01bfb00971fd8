package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ResearchExtractInput")
@Description("A research extract: its name in namespace research, one or two PHI sources, the quasi-identifiers"
        + " added to the defaults age, zip3, sex, state and the kept columns the sources declare QUASI_IDENTIFIER"
        + " (those present, always included) and k (2 to 1000, default 5).")
public record ResearchExtractInput(
        @NonNull String name,
        @NonNull List<@NonNull String> sourceAssetIds,
        List<String> quasiIdentifiers,
        Integer k) {}
