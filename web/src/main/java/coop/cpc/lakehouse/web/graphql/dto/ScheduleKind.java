package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("When an ingestion job runs.")
public enum ScheduleKind {
    MANUAL,
    REALTIME,
    INTERVAL,
    CRON
}
