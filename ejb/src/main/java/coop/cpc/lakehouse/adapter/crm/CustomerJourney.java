package coop.cpc.lakehouse.adapter.crm;

/**
 * One customer's journey.
 *
 * @param path          interaction types in time order, each as shown ({@code \} and {@code >} escaped with
 *                      {@code \}, a missing type {@code (none)}, cut at {@link JourneyAnalyzer#MAX_STEP_CHARS}
 *                      characters), joined with {@code " > "} (at most {@link JourneyAnalyzer#MAX_PATH_STEPS}
 *                      steps, then {@code " > ..."})
 * @param funnelReached how many funnel steps the customer reached in order (0 to the number of steps)
 */
public record CustomerJourney(
        String customerId,
        long interactions,
        long firstMicros,
        long lastMicros,
        String path,
        boolean converted,
        int funnelReached) {}
