package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Asset")
@Description("A data asset of the catalog: a table stored as WebM columnar segments.")
public record Asset(
        @NonNull @Id String id,
        @NonNull String namespace,
        @NonNull String name,
        String description,
        @NonNull AssetType assetType,
        @NonNull String storageFormat,
        @NonNull Classification classification,
        @NonNull List<@NonNull Column> columns,
        @NonNull List<@NonNull String> primaryKey,

        @Description("Columns by which rows are sorted inside each segment written; empty for arrival order") @NonNull
        List<@NonNull String> sortOrder,

        @NonNull List<String> tags,

        @Description("The snapshot readers see, or null before the first commit")
        String currentSnapshotId,

        long rowCount,
        long byteSize,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,

        @Description("Optimistic-lock version; pass it as expectedVersion to updateAsset")
        long version) {}
