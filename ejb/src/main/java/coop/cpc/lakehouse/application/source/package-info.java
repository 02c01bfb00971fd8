/**
 * Ingestion source kinds. {@link coop.cpc.lakehouse.application.source.SourceKind} is what every kind
 * offers (settings, validation, a reader for a run, the snapshot operation, the batch job), and
 * {@code registry.SourceKinds} registers them (with the stored settings JSON, {@code registry.SourceSettingsJson}); each kind is a package
 * here ({@code postgres}, {@code sled}, {@code http}, {@code files}) wrapping the plain Java readers
 * of the sources module. Shared here: the guards (secrets, address allow-lists, local roots). See docs/architecture.md, "Adding a source kind".
 */
package coop.cpc.lakehouse.application.source;
