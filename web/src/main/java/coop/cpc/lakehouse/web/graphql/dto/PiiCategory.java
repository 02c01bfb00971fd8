package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("How a column relates to a person.")
public enum PiiCategory {
    NONE,
    DIRECT_IDENTIFIER,
    QUASI_IDENTIFIER,
    SENSITIVE
}
