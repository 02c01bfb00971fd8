package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Snapshot")
@Description("One commit of an asset: readers see whole snapshots, never half of one. Its parentId is null for the "
        + "asset's first snapshot and for one whose parent's row was deleted after it expired.")
public record Snapshot(
        @NonNull @Id String id,
        @Id String parentId,
        long sequenceNumber,
        @NonNull String operation,
        @NonNull OffsetDateTime committedAt,

        @NonNull @Description("JSON: rowsAdded, rowsRemoved, keysDeleted, segmentsAdded, bytesAdded, columnsAdded")
        String summary,

        @Id String sourceJobId,
        Long sourceExecutionId,

        @Description("When snapshot expiry made it unreadable; null while it can be read")
        OffsetDateTime expiredAt,

        @NonNull @Description("Pass as snapshots(before:) to list the asset's snapshots older than this one")
        String cursor) {}
