package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.format.DiskPointer;

/** One stored fragment of a page: the LSN it was written at and where it lives. */
public record PageLocation(long lsn, DiskPointer pointer) {}
