package coop.cpc.lakehouse.web.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJob;
import coop.cpc.lakehouse.web.graphql.dto.JobExecution;
import coop.cpc.lakehouse.web.graphql.dto.MissedTick;

/**
 * What a non-admin sees of a job's source settings: only their kind. URLs, hosts, user names,
 * paths and secret aliases are connection details, shown to admins only; so are the source URLs an execution's
 * exit status names (an HTTP page that failed, a database that could not be reached), and those the reason of a
 * missed schedule tick names.
 */
final class JobSettingsRedaction {
    static final String HIDDEN = "connection details are shown to admins only";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobSettingsRedaction() {}

    static IngestionJob redacted(IngestionJob job) {
        ObjectNode shown = JSON.createObjectNode();
        try {
            JsonNode kind = JSON.readTree(job.sourceConfig()).get("kind");
            if (kind != null && kind.isTextual()) {
                shown.put("kind", kind.asText());
            }
        } catch (JsonProcessingException notJson) {
            // Nothing of it is shown then.
        }
        shown.put("hidden", HIDDEN);
        return new IngestionJob(
                job.id(),
                job.name(),
                job.sourceType(),
                job.targetAssetId(),
                job.schedule(),
                job.scheduleExpression(),
                job.status(),
                job.lastExecutionId(),
                job.lastRunAt(),
                job.nextRunAt(),
                redacted(job.lastMissedTick()),
                job.rowsIngested(),
                job.errorCount(),
                job.maxErrors(),
                job.createdAt(),
                job.chunkSize(),
                job.version(),
                shown.toString());
    }

    /** The missed tick as a non-admin sees it: a reason that names the source keeps only what failed. */
    private static MissedTick redacted(MissedTick tick) {
        return tick == null ? null : new MissedTick(tick.at(), tick.outcome(), SourceDetails.hidden(tick.reason()));
    }

    /** The execution as a non-admin sees it: an exit status that names the source keeps only what failed. */
    static JobExecution redacted(JobExecution run) {
        String status = SourceDetails.hidden(run.exitStatus());
        if (status == null || status.equals(run.exitStatus())) {
            return run;
        }
        return new JobExecution(
                run.executionId(),
                run.jobInstanceId(),
                run.jobId(),
                run.batchStatus(),
                status,
                run.trigger(),
                run.restartOf(),
                run.interrupted(),
                run.startedAt(),
                run.endedAt(),
                run.rejectsFile(),
                run.steps());
    }
}
