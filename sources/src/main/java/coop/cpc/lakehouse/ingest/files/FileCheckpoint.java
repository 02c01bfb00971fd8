package coop.cpc.lakehouse.ingest.files;

import java.io.Serializable;

/**
 * How far a file was read: the claimed file and how many of its records (rows and rejects alike)
 * were passed to the sink. A restart reclaims the file by name and skips that many records.
 *
 * @param claimName   {@link ClaimedFile#claimName()}, for {@link DropDirectory#reclaim(String)}
 * @param recordIndex records already read; the next record to read has this 0-based index
 */
public record FileCheckpoint(String claimName, long recordIndex) implements Serializable {}
