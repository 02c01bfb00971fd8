package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("MissedTick")
@Description("A tick of a job's schedule that started no run, kept in the server's memory (not across its restart).")
public record MissedTick(
        @NonNull @Description("When the schedule's timer fired")
        OffsetDateTime at,

        @NonNull MissedTickOutcome outcome,

        @NonNull
        @Description(
                "Why, as the server log says it (credentials masked); what names a source is shown to" + " admins only")
        String reason) {}
