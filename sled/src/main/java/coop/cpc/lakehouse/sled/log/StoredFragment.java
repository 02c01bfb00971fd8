package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.format.MessageKind;
import java.nio.file.Path;

/**
 * One page fragment read from disk and decompressed. {@code file} and {@code offset} say where it
 * came from, for error messages.
 */
public record StoredFragment(MessageKind kind, byte[] payload, Path file, long offset) {}
