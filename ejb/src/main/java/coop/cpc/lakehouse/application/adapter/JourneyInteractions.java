package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.adapter.crm.Interaction;
import java.util.List;

/**
 * One customer's interactions in journey order, and the bytes they add to a response (counted against the
 * request's {@code graphql_max_response_bytes}).
 */
public record JourneyInteractions(List<Interaction> interactions, long responseBytes) {}
