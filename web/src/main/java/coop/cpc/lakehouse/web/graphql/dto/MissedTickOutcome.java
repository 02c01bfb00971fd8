package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("What a tick of a job's schedule that started no run did.")
public enum MissedTickOutcome {
    @Description("The job refused the start: its previous run is still going, or it has no target asset")
    SKIPPED,
    @Description("The start failed otherwise, e.g. the job's stored source definition no longer reads")
    FAILED
}
