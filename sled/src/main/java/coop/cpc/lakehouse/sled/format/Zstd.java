package coop.cpc.lakehouse.sled.format;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** zstd as sled 0.34 uses it, decoded with aircompressor's pure-Java decompressor. */
public final class Zstd {

    /**
     * The most one page, blob or snapshot may decompress to. Far above what sled writes for a page or
     * a snapshot's page table; it bounds what a few crafted bytes can make the reader allocate.
     */
    public static final long MAX_OUTPUT = 64L << 20;
    /** Frames declaring more than this are decoded by streaming, so a lying header allocates nothing. */
    private static final long ALLOCATE_UP_FRONT = 1L << 20;

    private Zstd() {}

    /** A compressed payload: {@code varint length ‖ zstd frame}, as the log and blob files hold it. */
    public static byte[] decompressPayload(byte[] payload) {
        ByteCursor cursor = new ByteCursor(payload);
        int frameLength = cursor.varintAsInt("compressed length");
        if (frameLength != cursor.remaining()) {
            throw new MalformedPayloadException(
                    "compressed length " + frameLength + " does not match the " + cursor.remaining()
                            + " bytes that follow",
                    0);
        }
        return decompress(payload, cursor.position(), payload.length - cursor.position(), -1);
    }

    /** One zstd frame whose decompressed length is known (the snapshot body). */
    public static byte[] decompressFrame(byte[] frame, long expectedLength) {
        if (expectedLength < 0 || expectedLength > MAX_OUTPUT) {
            throw new MalformedPayloadException("impossible decompressed length " + expectedLength, 0);
        }
        return decompress(frame, 0, frame.length, expectedLength);
    }

    private static byte[] decompress(byte[] input, int offset, int length, long expectedLength) {
        try {
            long declared = ZstdDecompressor.getDecompressedSize(input, offset, length);
            if (declared < 0 || declared > ALLOCATE_UP_FRONT) {
                // No size in the frame header, or a large one: stream, so that memory follows the bytes that
                // really come out, not what a header or an expected length claims.
                byte[] output = decompressStreaming(input, offset, length);
                if (expectedLength >= 0 && output.length != expectedLength) {
                    throw new MalformedPayloadException(
                            "zstd data produced " + output.length + " bytes, expected " + expectedLength, offset);
                }
                return output;
            }
            if (expectedLength >= 0 && declared != expectedLength) {
                throw new MalformedPayloadException(
                        "zstd frame declares " + declared + " bytes, expected " + expectedLength, offset);
            }
            byte[] output = new byte[(int) declared];
            int written = new ZstdDecompressor().decompress(input, offset, length, output, 0, output.length);
            if (written != output.length) {
                throw new MalformedPayloadException(
                        "zstd frame produced " + written + " bytes, expected " + output.length, offset);
            }
            return output;
        } catch (MalformedInputException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new MalformedPayloadException("invalid zstd data: " + e.getMessage(), offset);
        }
    }

    private static byte[] decompressStreaming(byte[] input, int offset, int length) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(input, offset, length))) {
            int read;
            while ((read = in.read(chunk)) > 0) {
                if (output.size() + (long) read > MAX_OUTPUT) {
                    throw new MalformedPayloadException("zstd data expands beyond " + MAX_OUTPUT + " bytes", offset);
                }
                output.write(chunk, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedPayloadException malformed) {
                throw malformed;
            }
            throw new MalformedPayloadException("invalid zstd data: " + e.getMessage(), offset);
        }
        return output.toByteArray();
    }
}
