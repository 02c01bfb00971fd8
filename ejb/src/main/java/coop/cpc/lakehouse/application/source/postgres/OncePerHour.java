package coop.cpc.lakehouse.application.source.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Lets a note about one subject through at most once an hour, so that a run on a busy source does not repeat it. */
final class OncePerHour {
    private static final Duration PERIOD = Duration.ofHours(1);

    private final ConcurrentMap<String, Instant> lastLetThrough = new ConcurrentHashMap<>();

    /** Whether a note about {@code subject} may be logged {@code now}; if so, the next one waits an hour. */
    boolean letThrough(String subject, Instant now) {
        boolean[] due = {false};
        lastLetThrough.compute(subject, (key, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(PERIOD));
            return due[0] ? now : last;
        });
        return due[0];
    }
}
