package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("Where an ingestion job reads from.")
public enum SourceType {
    POSTGRES_TABLE,
    POSTGRES_CDC,
    SLED,
    HTTP_API,
    FILE_DROP
}
