package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("StepExecution")
@Description("The metrics of one step of a job execution (read, then commit).")
public record StepExecution(
        @NonNull String name,
        @NonNull String batchStatus,
        long readCount,
        long writeCount,

        @Description("Rejected records: read, process and write skips together")
        long skipCount,

        long commitCount,
        long rollbackCount,
        long filterCount,

        @Description("The records this execution's step will read (from its checkpoint), when its source told "
                + "(PostgreSQL tables, counted at the start); null otherwise")
        Long expectedReadCount) {}
