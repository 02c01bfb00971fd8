/** The retention of run history: which finished runs of the batch runtime and the catalog may be purged. */
package coop.cpc.lakehouse.application.job.history;
