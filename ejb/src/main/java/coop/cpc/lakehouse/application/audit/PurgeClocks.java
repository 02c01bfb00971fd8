package coop.cpc.lakehouse.application.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The two clocks the retention purge reads: the server's and, when the repository has one, the catalog database's.
 * The purge cannot be undone, so it cuts by the earlier; when they disagree by more than {@link #DISAGREE}, one of
 * them is wrong, and the purge's entry says so (an ERROR naming both), since a clock set far back keeps entries past
 * their retention with nothing else to show for it.
 */
record PurgeClocks(Instant server, Optional<Instant> database) {

    /** A difference between the clocks that makes the purge's entry an ERROR. */
    static final Duration DISAGREE = Duration.ofHours(1);

    Instant earlier() {
        return database.filter(d -> d.isBefore(server)).orElse(server);
    }

    boolean disagree() {
        return database.map(d -> Duration.between(d, server).abs().compareTo(DISAGREE) > 0)
                .orElse(false);
    }

    /** Adds {@code clocksDisagree} with both times when they disagree; nothing otherwise. */
    void describeIn(ObjectNode details) {
        if (disagree()) {
            ObjectNode clocks = details.putObject("clocksDisagree");
            clocks.put("server", server.toString());
            clocks.put("database", database.orElseThrow().toString());
        }
    }
}
