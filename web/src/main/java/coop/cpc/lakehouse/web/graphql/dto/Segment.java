package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Segment")
@Description("A WebM columnar segment file of an asset.")
public record Segment(
        @NonNull @Id String id,

        @NonNull @Description("Relative to webm_storage_path")
        String path,

        @NonNull String kind,
        long rowCount,
        long byteSize,
        @NonNull String sha256,

        @Description("JSON: per column type, min, max, nullCount; null for a caller who may not read the asset's rows")
        String columnStatistics,

        @NonNull @Id String addedSnapshotId,
        @Id String removedSnapshotId,
        @NonNull OffsetDateTime createdAt,

        @NonNull @Description("Pass as segments(before:) to list the asset's segments added before this one")
        String cursor) {}
