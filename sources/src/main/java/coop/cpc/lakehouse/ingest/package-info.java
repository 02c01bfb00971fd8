/**
 * Ingestion sources: plain Java readers that turn what a source holds (PostgreSQL rows, sled
 * pairs, JSON pages, dropped files) into rows of typed values for an asset's schema, and report
 * every record they cannot convert with its reason. Batch artifacts wrap them.
 */
package coop.cpc.lakehouse.ingest;
