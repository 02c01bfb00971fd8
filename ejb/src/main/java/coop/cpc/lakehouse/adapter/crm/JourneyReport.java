package coop.cpc.lakehouse.adapter.crm;

import java.util.List;

/**
 * Journey analytics over all customers.
 *
 * @param conversionRate customers with a {@code converted} outcome / customers (0 when there are none)
 * @param transitions    counts of consecutive interaction-type pairs within a customer's journey, highest first
 * @param paths          customers per whole path, highest first
 * @param funnel         customers who reached each step, in step order
 * @param otherPaths     customers whose path was not counted by name (beyond the distinct-path bound)
 */
public record JourneyReport(
        long customers,
        long interactions,
        long converted,
        double conversionRate,
        List<Transition> transitions,
        List<PathCount> paths,
        List<FunnelStep> funnel,
        long otherPaths) {

    public record Transition(String from, String to, long count) {}

    public record PathCount(String path, long customers) {}

    /** @param rate customers reaching the step / customers reaching the first step (1 for the first step; 0 when none did) */
    public record FunnelStep(String step, long customers, double rate) {}
}
