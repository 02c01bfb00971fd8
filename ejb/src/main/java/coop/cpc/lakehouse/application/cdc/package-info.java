/**
 * Change data capture (docs/cdc.md): streams of a source PostgreSQL's committed changes into one
 * asset per captured table, exactly once. The Debezium embedded engine runs in {@link
 * coop.cpc.lakehouse.application.cdc.CdcEngineHost}; its offsets are read from the catalog by
 * {@link coop.cpc.lakehouse.application.cdc.CatalogOffsetStore} and written only in the catalog
 * transaction that records the changes they cover ({@link coop.cpc.lakehouse.application.cdc.CdcCommit}).
 */
package coop.cpc.lakehouse.application.cdc;
