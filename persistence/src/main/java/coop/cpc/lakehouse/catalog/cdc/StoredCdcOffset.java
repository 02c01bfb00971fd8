package coop.cpc.lakehouse.catalog.cdc;

/** A committed offset of cdc_offsets (a JSON object) and its version (for compare-and-set). */
public record StoredCdcOffset(String json, long version) {}
