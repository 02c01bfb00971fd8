package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("Sensitivity of an asset, least to most.")
public enum Classification {
    PUBLIC, INTERNAL, SENSITIVE, PHI
}
