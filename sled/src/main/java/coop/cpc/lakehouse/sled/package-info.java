/**
 * Read-only reader for sled 0.34.x databases: open a directory with
 * {@link coop.cpc.lakehouse.sled.SledDatabase#open(java.nio.file.Path)} and stream each tree's pairs.
 */
package coop.cpc.lakehouse.sled;
