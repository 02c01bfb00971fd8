package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.adapter.health.ColumnMapping;
import coop.cpc.lakehouse.adapter.health.KAnonymityReport;
import java.util.List;
import java.util.UUID;

/** A published extract: its asset, the admins-only pseudonym mapping asset, rows, the k-anonymity report and column mappings. */
public record ResearchExtractResult(
        UUID assetId,
        UUID pseudonymAssetId,
        long rows,
        List<String> quasiIdentifiers,
        KAnonymityReport report,
        List<ColumnMapping> columns) {}
