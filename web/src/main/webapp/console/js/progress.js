// Progress of an execution from its step metrics: rows so far, rows per second, and an ETA only when a total is known.
const RUNNING = new Set(['STARTING', 'STARTED', 'STOPPING']);

export function isRunning(execution) {
    return RUNNING.has(execution.batchStatus) && !execution.interrupted;
}

export function rowsRead(execution) {
    return execution.steps.reduce((sum, step) => sum + Number(step.readCount || 0), 0);
}

export function rowsWritten(execution) {
    return execution.steps.reduce((sum, step) => sum + Number(step.writeCount || 0), 0);
}

export function rowsSkipped(execution) {
    return execution.steps.reduce((sum, step) => sum + Number(step.skipCount || 0), 0);
}

/** Records the run's reading steps will read in all, when their source told (else null: no percentage, no ETA). */
export function expectedTotal(execution) {
    const steps = execution.steps.filter(step => step.expectedReadCount !== null && step.expectedReadCount !== undefined);
    if (steps.length === 0) {
        return null;
    }
    return steps.reduce((sum, step) => sum + Number(step.expectedReadCount), 0);
}

/** Rows read per second over the run so far (or the whole run once it ended); null before it started. */
export function rate(execution, now = Date.now()) {
    if (!execution.startedAt) {
        return null;
    }
    const end = execution.endedAt ? Date.parse(execution.endedAt) : now;
    const seconds = (end - Date.parse(execution.startedAt)) / 1000;
    return seconds > 0 ? rowsRead(execution) / seconds : null;
}

/**
 * @param total records the run will read, when it is known (see expectedTotal), else null
 * @return {fraction, etaSeconds} where known, else nulls
 */
export function estimate(execution, total, now = Date.now()) {
    if (execution.batchStatus === 'COMPLETED') {
        return { fraction: 1, etaSeconds: 0 };
    }
    if (!total || total <= 0) {
        return { fraction: null, etaSeconds: null };
    }
    // Rejected records were read too: they count towards the total the source told.
    const read = rowsRead(execution) + rowsSkipped(execution);
    const perSecond = rate(execution, now);
    return {
        fraction: Math.min(1, read / total),
        etaSeconds: perSecond ? Math.max(0, (total - read) / perSecond) : null,
    };
}

export function duration(seconds) {
    if (seconds === null || seconds === undefined) {
        return '';
    }
    const s = Math.round(seconds);
    if (s < 60) {
        return s + ' s';
    }
    if (s < 3600) {
        return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    }
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}
