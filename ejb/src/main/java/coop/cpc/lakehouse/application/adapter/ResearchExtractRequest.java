package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.audit.AuditedArgument;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * @param name             the extract's asset name in namespace {@code research}
 * @param sourceAssetIds   one or two PHI sources (two: one of them with one row per subject)
 * @param quasiIdentifiers extract columns to make k-anonymous besides age, zip3, sex, state and the kept columns the
 *     sources declare QUASI_IDENTIFIER (those present, always included)
 * @param k                2 to {@value HealthAdapterService#MAX_K}
 */
public record ResearchExtractRequest(String name, List<UUID> sourceAssetIds, List<String> quasiIdentifiers, int k)
        implements AuditedArgument {

    /** The sources: the entry of a refused or failed publish names what it read too. */
    @Override
    public List<UUID> auditIds() {
        return sourceAssetIds == null
                ? List.of()
                : sourceAssetIds.stream().filter(Objects::nonNull).toList();
    }
}
