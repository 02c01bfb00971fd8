package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.format.DiskPointer;
import coop.cpc.lakehouse.sled.format.MessageKind;

/** A page write found while replaying the log. */
record LogEntry(MessageKind kind, long pid, long lsn, DiskPointer pointer) {}
