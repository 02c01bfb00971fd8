/**
 * The sled source: reads the trees of a sled 0.34 database folder (through
 * {@code coop.cpc.lakehouse.sled}) pair by pair, each tree feeding its own asset with
 * {@code key bytes} and the value as bytes, UTF-8 text or the columns of a JSON object. A
 * checkpoint is the tree and key of the last pair read; a restarted job resumes after it.
 */
package coop.cpc.lakehouse.ingest.sled;
