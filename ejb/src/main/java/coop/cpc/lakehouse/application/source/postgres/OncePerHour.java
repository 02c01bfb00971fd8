package coop.cpc.lakehouse.application.source.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lets a note about one subject through at most once an hour, so that a run on a busy source does not repeat it.
 *
 * <p>It remembers a subject for an hour only: a subject whose hour is over is forgotten at the next call, and
 * at most {@link #MAX_SUBJECTS} are remembered at once (the subjects are source tables, and a server runs for
 * weeks while jobs come and go); a note about yet another subject is let through without being remembered.
 */
final class OncePerHour {
    private static final Duration PERIOD = Duration.ofHours(1);

    /** More source tables than a server reads within an hour. */
    static final int MAX_SUBJECTS = 10_000;

    private final ConcurrentMap<String, Instant> lastLetThrough = new ConcurrentHashMap<>();
    private final int maxSubjects;

    OncePerHour() {
        this(MAX_SUBJECTS);
    }

    OncePerHour(int maxSubjects) {
        this.maxSubjects = maxSubjects;
    }

    /** Whether a note about {@code subject} may be logged {@code now}; if so, the next one waits an hour. */
    boolean letThrough(String subject, Instant now) {
        lastLetThrough.values().removeIf(last -> !now.isBefore(last.plus(PERIOD)));
        if (!lastLetThrough.containsKey(subject) && lastLetThrough.size() >= maxSubjects) {
            return true;
        }
        boolean[] due = {false};
        lastLetThrough.compute(subject, (key, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(PERIOD));
            return due[0] ? now : last;
        });
        return due[0];
    }

    /** How many subjects are remembered. */
    int remembered() {
        return lastLetThrough.size();
    }
}
