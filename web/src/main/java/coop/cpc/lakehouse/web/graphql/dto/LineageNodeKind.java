package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("A lineage node is an asset of the catalog or an external source (named by its URI).")
public enum LineageNodeKind {
    ASSET,
    EXTERNAL
}
