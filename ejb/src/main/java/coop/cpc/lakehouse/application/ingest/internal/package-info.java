/** The ingestion run service's implementation: opening sources, staging chunks, committing runs. */
package coop.cpc.lakehouse.application.ingest.internal;
