package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("JobExecution")
@Description("One Jakarta Batch execution (run) of an ingestion job.")
public record JobExecution(
        @NonNull @Id String executionId,
        @NonNull @Id String jobInstanceId,
        @NonNull @Id String jobId,

        @NonNull @Description("STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED or ABANDONED")
        String batchStatus,

        String exitStatus,
        @NonNull @Description("MANUAL, SCHEDULE or RESTART") String trigger,
        @Id @Description("The execution this one restarted") String restartOf,

        @Description("True when the server stopped while this execution ran; restart it")
        boolean interrupted,

        OffsetDateTime startedAt,
        OffsetDateTime endedAt,

        @Description("NDJSON of the rejected records, relative to webm_storage_path; null when none")
        String rejectsFile,

        @NonNull List<@NonNull StepExecution> steps) {

    /** The field name operators coming from the issue text use. */
    @NonNull
    @Description("The same as batchStatus")
    public String getStatus() {
        return batchStatus;
    }
}
