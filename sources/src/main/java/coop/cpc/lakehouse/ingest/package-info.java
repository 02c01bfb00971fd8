/**
 * Ingestion sources: plain Java readers that turn what a source holds (PostgreSQL rows, sled
 * pairs, JSON pages, dropped files) into rows of typed values for an asset's schema, and report
 * every record they cannot convert with its reason. Module sources: plain Java SE; the source kinds
 * of the application layer ({@code application.source}) wrap them for the batch jobs.
 */
package coop.cpc.lakehouse.ingest;
