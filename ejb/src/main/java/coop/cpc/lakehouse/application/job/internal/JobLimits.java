package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.FreeText;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.job.schedule.ScheduleExpressions;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;

/** The bounds of a job's name, error budget, chunk size and schedule. */
final class JobLimits {
    static final int MAX_NAME = 200;
    static final int MAX_ERRORS = 1_000_000;

    private JobLimits() {}

    static String requireName(String name) throws InvalidInputException {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new InvalidInputException("name must be 1 to " + MAX_NAME + " characters");
        }
        return FreeText.require("name", name.strip());
    }

    /** Sets what is given (null leaves a limit as it is); the schedule is always set, MANUAL when null. */
    static void apply(IngestionJob job, Integer maxErrors, Integer chunkSize, ScheduleKind schedule, String expression)
            throws InvalidInputException {
        if (maxErrors != null) {
            if (maxErrors < 0 || maxErrors > MAX_ERRORS) {
                throw new InvalidInputException("maxErrors must be from 0 to " + MAX_ERRORS + ", not " + maxErrors);
            }
            job.setMaxErrors(maxErrors);
        }
        if (chunkSize != null) {
            if (chunkSize < 1 || chunkSize > IngestionJob.MAX_CHUNK_SIZE) {
                throw new InvalidInputException(
                        "chunkSize must be from 1 to " + IngestionJob.MAX_CHUNK_SIZE + ", not " + chunkSize);
            }
            job.setChunkSize(chunkSize);
        }
        ScheduleKind kind = schedule == null ? ScheduleKind.MANUAL : schedule;
        if (kind == ScheduleKind.REALTIME) {
            throw new InvalidInputException(
                    "schedule REALTIME is for change data capture; batch sources run MANUAL, INTERVAL or CRON");
        }
        ScheduleExpressions.validate(kind, kind.needsExpression() ? expression : null);
        job.schedule(kind, expression);
    }
}
