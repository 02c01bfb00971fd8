/**
 * Record-to-row conversion shared by the sources: a JSON object or a CSV record becomes the
 * typed values of an asset's schema, or a reason it cannot; and the column mapping used, for
 * lineage.
 */
package coop.cpc.lakehouse.ingest.record;
