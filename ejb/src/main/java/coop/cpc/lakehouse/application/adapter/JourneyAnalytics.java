package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.adapter.crm.JourneyReport;
import java.util.UUID;

/** The journey analytics of an interactions asset and the derived asset holding each customer's journey. */
public record JourneyAnalytics(UUID derivedAssetId, JourneyReport report) {}
