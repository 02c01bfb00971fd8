package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.adapter.health.ColumnMapping;
import coop.cpc.lakehouse.adapter.health.KAnonymityReport;
import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A published extract: the PHI sources it read, its asset, the admins-only pseudonym mapping asset, rows, the
 * k-anonymity report and column mappings. Its audit entry names the extract as the resource and lists the sources
 * read and the two assets written.
 */
public record ResearchExtractResult(
        List<UUID> sourceAssetIds,
        UUID assetId,
        UUID pseudonymAssetId,
        long rows,
        List<String> quasiIdentifiers,
        KAnonymityReport report,
        List<ColumnMapping> columns)
        implements AuditedResult {

    public ResearchExtractResult {
        sourceAssetIds = List.copyOf(sourceAssetIds);
    }

    @Override
    public Map<String, Object> auditDetails() {
        List<String> sources = sourceAssetIds.stream().map(UUID::toString).toList();
        List<String> all = new ArrayList<>(sources);
        all.add(assetId.toString());
        all.add(pseudonymAssetId.toString());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resourceIds", all);
        details.put("sourceAssetIds", sources);
        details.put("assetId", assetId.toString());
        details.put("pseudonymAssetId", pseudonymAssetId.toString());
        details.put("rows", rows);
        details.put("rowsSuppressed", report.rowsSuppressed());
        details.put("k", report.k());
        return details;
    }

    @Override
    public String auditResourceId() {
        return assetId.toString();
    }
}
