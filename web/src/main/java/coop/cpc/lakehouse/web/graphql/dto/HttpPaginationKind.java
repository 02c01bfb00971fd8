package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("How an HTTP API source finds its next page.")
public enum HttpPaginationKind {
    NONE,
    OFFSET,
    CURSOR,
    LINK_HEADER
}
