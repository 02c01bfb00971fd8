package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.job.RejectedRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the first whole lines of a rejects file, at most a given number of bytes, never the whole file. */
final class RejectsFileReader {
    private RejectsFileReader() {}

    /** @return null when there is no such file */
    static RejectedRecords read(Path file, int maxBytes) throws IOException {
        long size;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            // One byte more than asked: tells whether the last line read is whole.
            head = in.readNBytes((int) Math.min(size, (long) maxBytes + 1));
        } catch (NoSuchFileException none) {
            return null;
        }
        int end = head.length;
        if (head.length > maxBytes) {
            end = maxBytes;
            while (end > 0 && head[end - 1] != '\n') {
                end--;
            }
        }
        int lines = 0;
        for (int i = 0; i < end; i++) {
            if (head[i] == '\n') {
                lines++;
            }
        }
        if (end > 0 && head[end - 1] != '\n') {
            lines++;
        }
        return new RejectedRecords(new String(head, 0, end, StandardCharsets.UTF_8), size, lines, end < size);
    }
}
