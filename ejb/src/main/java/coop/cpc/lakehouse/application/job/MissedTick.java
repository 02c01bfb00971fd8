package coop.cpc.lakehouse.application.job;

import java.time.Instant;
import java.util.Objects;

/**
 * A tick of a job's schedule that started no run: the last one, while no run of the job has started since.
 *
 * @param at      when the timer fired
 * @param outcome whether the tick was skipped (the job refused a start) or failed to start a run
 * @param reason  why, as the server log says it: no credential of a URL, no class name, no server folder
 */
public record MissedTick(Instant at, Outcome outcome, String reason) {

    /** What a tick that started no run did. */
    public enum Outcome {
        /** The job refused the start (its previous run is still going, it has no target asset). */
        SKIPPED,
        /** The start failed otherwise (e.g. the job's stored source definition no longer reads). */
        FAILED
    }

    /** True when the other tick missed its run for the same outcome and reason (a repeat; not a new event). */
    public boolean sameReasonAs(MissedTick other) {
        return other != null && other.outcome == outcome && Objects.equals(other.reason, reason);
    }
}
