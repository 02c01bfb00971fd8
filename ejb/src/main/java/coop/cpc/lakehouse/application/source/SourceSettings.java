package coop.cpc.lakehouse.application.source;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where an ingestion job reads: the settings record of one source kind, as stored in
 * {@code ingestion_jobs.source_config} (JSON with a {@code kind} field naming the kind's
 * {@link SourceKind#type()}; the names are registered by {@code registry.SourceKinds}). Credentials appear
 * only as aliases, resolved when a run opens the source.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
public interface SourceSettings {}
