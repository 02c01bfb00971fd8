package coop.cpc.lakehouse.catalog;

/**
 * How large a listing of assets' newest snapshots or segments would be, counted by the catalog without loading it:
 * how many rows, and the characters of their free text (a snapshot's summary; a segment's path and column
 * statistics), as they are read.
 */
public record HistorySize(long items, long textChars) {}
