package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.adapter.crm.Interaction;
import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.List;
import java.util.Map;

/**
 * One customer's interactions in journey order, and the bytes they add to a response (counted against the
 * request's {@code graphql_max_response_bytes}).
 */
public record JourneyInteractions(List<Interaction> interactions, long responseBytes) implements AuditedResult {

    /** How many of the customer's interactions the read returned (never the customer). */
    @Override
    public Map<String, Object> auditDetails() {
        return Map.of("resultCount", interactions.size());
    }
}
