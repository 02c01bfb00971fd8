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
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HIDDEN_DETAILS = "what the source answered is shown to admins only (and in the server log)";

    /**
     * What names a network source in a failure's words: a URL, a host named in a guard's refusal or a TLS error, an
     * IPv4 or bracketed IPv6 address.
     */
    private static final Pattern SOURCE_DETAIL =
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://|\\bjdbc:|\\bhost '|\\bdns name|\\bhostname|\\bcertificate|"
                    + "\\b\\d{1,3}(\\.\\d{1,3}){3}\\b|\\[[0-9a-f:.]+\\])");

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

    /**
     * The execution as a non-admin sees it: an exit status that names the source (its URL, host or address) keeps
     * what failed (the words before its first colon, e.g. "cannot read the source") and hides the rest.
     */
    static JobExecution redacted(JobExecution run) {
        String status = run.exitStatus();
        if (status == null || !SOURCE_DETAIL.matcher(status).find()) {
            return run;
        }
        int colon = status.indexOf(": ");
        String what =
                colon > 0 && !SOURCE_DETAIL.matcher(status.substring(0, colon)).find()
                        ? status.substring(0, colon)
                        : "the run failed";
        return new JobExecution(
                run.executionId(),
                run.jobInstanceId(),
                run.jobId(),
                run.batchStatus(),
                what + ": " + HIDDEN_DETAILS,
                run.trigger(),
                run.restartOf(),
                run.interrupted(),
                run.startedAt(),
                run.endedAt(),
                run.rejectsFile(),
                run.steps());
    }
}
