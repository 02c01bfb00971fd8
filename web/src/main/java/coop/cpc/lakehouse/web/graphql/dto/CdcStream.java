package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CdcStream")
@Description("A change data capture stream: its engine's state, position and lag.")
public record CdcStream(
        @NonNull @Id String id,
        @NonNull String name,

        @NonNull @Description("STOPPED, STARTING, RUNNING, STOPPING or FAILED")
        String state,

        @NonNull String slot,
        @NonNull String publication,

        @Description("Source LSN of the last commit, as PostgreSQL writes it (0/16B3748)")
        String lastLsn,

        @Description("Milliseconds between the source's commit and the lakehouse's, last commit")
        long lagMs,

        double eventsPerSecond,
        OffsetDateTime lastEventAt,
        String lastError,
        @NonNull List<@NonNull CdcStreamTable> tables) {}
