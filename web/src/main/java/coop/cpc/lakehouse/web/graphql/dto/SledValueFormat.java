package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("How a sled value becomes columns: BYTES (column value bytes), UTF8 (value string), JSON (valueColumns).")
public enum SledValueFormat {
    BYTES,
    UTF8,
    JSON
}
