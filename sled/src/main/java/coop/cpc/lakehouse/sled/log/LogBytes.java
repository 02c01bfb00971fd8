package coop.cpc.lakehouse.sled.log;

/** Positional reads over the {@code db} log, either straight from the file or from a buffered segment. */
interface LogBytes {

    /**
     * Copies up to {@code length} bytes at log offset {@code position}.
     *
     * @return how many bytes were copied (fewer at the end of the data), or -1 if {@code position}
     *     lies outside the data
     */
    int read(long position, byte[] target, int offset, int length);
}
