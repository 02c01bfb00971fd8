package coop.cpc.lakehouse.application.table;

import java.io.IOException;

/** Asked before each segment write and delete: may this server change the segment folder? */
@FunctionalInterface
public interface StorageGate {
    /** Every write and delete is allowed: a folder of a test, or a tool's. */
    StorageGate OPEN = () -> {};

    /** @throws SegmentFolderRefusedException when the folder is another catalog's */
    void requireWritable() throws IOException;
}
