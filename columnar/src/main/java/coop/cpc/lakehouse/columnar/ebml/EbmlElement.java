package coop.cpc.lakehouse.columnar.ebml;

/**
 * One element header found in a buffer: where it starts in the file, where its data starts in
 * the buffer, and how long the data is.
 */
public record EbmlElement(EbmlId id, long offset, int dataPos, int size, long fileDataOffset) {
    /** Position just past this element in the buffer. */
    public int endPos() {
        return dataPos + size;
    }

    /** Absolute file offset just past this element. */
    public long fileEnd() {
        return fileDataOffset + size;
    }
}
