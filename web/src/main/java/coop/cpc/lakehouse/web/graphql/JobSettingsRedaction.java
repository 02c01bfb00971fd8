package coop.cpc.lakehouse.web.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJob;
import coop.cpc.lakehouse.web.graphql.dto.JobExecution;
import java.util.regex.Pattern;

/**
 * What a non-admin sees of a job's source settings: only their kind. URLs, hosts, user names,
 * paths and secret aliases are connection details, shown to admins only; so are the source URLs an execution's
 * exit status names (an HTTP page that failed, a database that could not be reached).
 */
final class JobSettingsRedaction {
    static final String HIDDEN = "connection details are shown to admins only";
    static final String HIDDEN_URL = "<source URL: shown to admins only>";

    /** A network source's URL in a message: an HTTP page or a PostgreSQL database, up to the next blank. */
    private static final Pattern SOURCE_URL =
            Pattern.compile("(?i)\\b(?:https?://|jdbc:postgresql:|postgres(?:ql)?://)\\S+");

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
                job.rowsIngested(),
                job.errorCount(),
                job.maxErrors(),
                job.createdAt(),
                job.chunkSize(),
                job.version(),
                shown.toString());
    }

    /** The execution as a non-admin sees it: its exit status without source URLs. */
    static JobExecution redacted(JobExecution run) {
        if (run.exitStatus() == null || !SOURCE_URL.matcher(run.exitStatus()).find()) {
            return run;
        }
        return new JobExecution(
                run.executionId(),
                run.jobInstanceId(),
                run.jobId(),
                run.batchStatus(),
                SOURCE_URL.matcher(run.exitStatus()).replaceAll(HIDDEN_URL),
                run.trigger(),
                run.restartOf(),
                run.interrupted(),
                run.startedAt(),
                run.endedAt(),
                run.rejectsFile(),
                run.steps());
    }
}
