package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.adapter.crm.CohortReport;
import java.util.UUID;

/** A cohort analysis and the derived asset holding its retention matrix. */
public record CohortAnalysis(UUID derivedAssetId, CohortReport report) {}
