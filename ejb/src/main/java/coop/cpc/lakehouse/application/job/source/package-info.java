/** The typed source settings of ingestion jobs, one record per source kind. */
package coop.cpc.lakehouse.application.job.source;
