/**
 * An asset's rows as a table: the {@link coop.cpc.lakehouse.application.table.TableService} port with its
 * requests, results and refusals, and what other packages share of the format: segment files written first
 * (temp name, fsync, atomic rename, {@link coop.cpc.lakehouse.application.table.SegmentFiles}), then one catalog
 * transaction that records them as a new snapshot under the asset's row lock
 * ({@link coop.cpc.lakehouse.application.table.TableCommits}); readers see one snapshot, never a half-commit.
 * Files no snapshot names are removed by {@link coop.cpc.lakehouse.application.table.OrphanSegmentCleanup}.
 */
package coop.cpc.lakehouse.application.table;
