/**
 * The table format's engine behind {@link coop.cpc.lakehouse.application.table.TableService}: staging changes as
 * data and delete segments, merge-on-read by data sequence, the change feed, compaction and its jobs.
 */
package coop.cpc.lakehouse.application.table.internal;
