/** The ingestion job service's implementation. */
package coop.cpc.lakehouse.application.job.internal;
