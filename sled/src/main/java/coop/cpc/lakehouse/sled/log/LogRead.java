package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.format.MessageHeader;

/** What reading one log message found, mirroring sled 0.34's {@code LogRead}. */
sealed interface LogRead {

    /** Torn, stale or overwritten bytes: a CRC, length or segment-number check failed. */
    record Corrupted() implements LogRead {}

    /** The data ends before the message does. */
    record Unreadable() implements LogRead {}

    record Canceled(int inlineLength) implements LogRead {}

    /** Padding up to the end of the segment. */
    record Cap() implements LogRead {}

    record BatchManifest(long lastLsnInBatch, int inlineLength) implements LogRead {}

    record Inline(MessageHeader header, byte[] body, int inlineLength) implements LogRead {}

    record Blob(MessageHeader header, long blobLsn, int inlineLength) implements LogRead {}
}
