package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("PageInfo")
@Description("Where a page ends: pass endCursor as 'after' to get the next page.")
public record PageInfo(boolean hasNextPage, String endCursor) {}
