package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("Which way to walk lineage from an asset: to its sources, to what it feeds, or both.")
public enum LineageDirection {
    UPSTREAM,
    DOWNSTREAM,
    BOTH
}
