package coop.cpc.lakehouse.ingest.files;

import java.nio.file.Path;

/**
 * A file moved to {@code quarantine/} next to its reason.
 *
 * @param originalName the name it was dropped under
 * @param file         where it is now
 * @param reasonFile   {@code <file>.reason}, UTF-8 text
 * @param reason       why it was refused
 */
public record QuarantinedFile(String originalName, Path file, Path reasonFile, String reason) {}
