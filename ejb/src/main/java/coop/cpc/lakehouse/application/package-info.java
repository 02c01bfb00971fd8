/**
 * Application services: the one layer every read and change of the lakehouse passes. Inbound
 * adapters (the GraphQL API of the web module, the Jakarta Batch jobs of the batch module) call
 * these interfaces; implementations live in {@code internal} sub-packages. Each area is a package:
 * {@code asset}, {@code table}, {@code lineage}, {@code audit}, {@code security}, {@code job}
 * (ingestion jobs and their runs, the {@code JobRunner} port), {@code ingest} (what a run asks of
 * the application) and {@code source} (one package per source kind). See docs/architecture.md.
 */
package coop.cpc.lakehouse.application;
