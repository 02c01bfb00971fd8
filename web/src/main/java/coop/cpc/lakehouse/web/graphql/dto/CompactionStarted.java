package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("CompactionStarted")
@Description(
        "The compact-asset job started for an asset; its COMPACT snapshot appears in Asset.snapshots when it is done.")
public record CompactionStarted(long executionId) {}
