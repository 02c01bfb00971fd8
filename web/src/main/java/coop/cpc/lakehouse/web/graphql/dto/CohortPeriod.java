package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("CohortPeriod")
@Description("UTC calendar months, or ISO weeks starting on Monday.")
public enum CohortPeriod {
    MONTH,
    WEEK
}
