/**
 * Writing and reading an asset's rows as a table: segment files written first (temp name, fsync,
 * atomic rename), then one catalog transaction that records them as a new snapshot and moves the
 * asset's current snapshot by compare-and-set; readers see one snapshot, never a half-commit.
 */
package coop.cpc.lakehouse.application.table;
