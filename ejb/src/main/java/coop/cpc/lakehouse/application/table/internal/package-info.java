/**
 * The table format's engine behind {@link coop.cpc.lakehouse.application.table.TableService}: staging changes as
 * data and delete segments, merge-on-read by data sequence (the merge index and the read caches), the change feed,
 * compaction and the daily maintenance timer that starts its job.
 */
package coop.cpc.lakehouse.application.table.internal;
