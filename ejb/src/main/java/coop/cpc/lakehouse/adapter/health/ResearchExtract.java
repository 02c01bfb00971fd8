package coop.cpc.lakehouse.adapter.health;

import java.util.List;
import java.util.Map;

/**
 * A prepared research extract: its rows, the pseudonym mapping (subject key → pseudonym), the
 * k-anonymity report, the column mappings, and what the independent check needs from the sources.
 */
public record ResearchExtract(
        ExtractTable table,
        Map<String, String> pseudonyms,
        KAnonymityReport report,
        List<ColumnMapping> mappings,
        IdentifierValues sourceIdentifiers) {}
