package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("What kind of data an asset holds.")
public enum AssetType {
    STRUCTURED,
    SEMI_STRUCTURED,
    UNSTRUCTURED,
    TIME_SERIES,
    GEOSPATIAL,
    GRAPH
}
