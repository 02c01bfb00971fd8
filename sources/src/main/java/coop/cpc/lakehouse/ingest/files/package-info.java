/**
 * The file-drop source: a watched directory whose matching files are claimed atomically, read as
 * CSV, NDJSON or a JSON array (optionally gzip-compressed) into rows, then moved to
 * {@code processed/} or, with a reason file, to {@code quarantine/}.
 */
package coop.cpc.lakehouse.ingest.files;
