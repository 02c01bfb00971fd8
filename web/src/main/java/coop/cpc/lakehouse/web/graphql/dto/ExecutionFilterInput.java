package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("ExecutionFilterInput")
@Description("Which executions to list; every field is optional.")
public record ExecutionFilterInput(
        @Id @Description("only this ingestion job's executions")
        String jobId,

        @Description("STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED or ABANDONED")
        String status,

        @Description("started at or after this instant") OffsetDateTime from,
        @Description("started before this instant") OffsetDateTime to,
        @Id @Description("only this execution") String executionId) {}
