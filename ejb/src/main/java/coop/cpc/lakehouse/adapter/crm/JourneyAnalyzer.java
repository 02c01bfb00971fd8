package coop.cpc.lakehouse.adapter.crm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Computes journey analytics in one pass over interactions in {@link Interaction#JOURNEY_ORDER}:
 * memory holds one customer's path (bounded) and the bounded counters, never all customers.
 * <ul>
 *   <li>transition: two consecutive interactions of one customer, counted by (type, next type);</li>
 *   <li>path: a customer's types in order joined with {@code " > "}, counted per customer;</li>
 *   <li>funnel: a customer reaches step i when the steps 1..i appear in their journey in that order
 *       (other interactions may come between), matched from the earliest;</li>
 *   <li>conversion: a customer converted when one of their interactions has outcome {@code converted}.</li>
 * </ul>
 */
public final class JourneyAnalyzer {
    public static final int MAX_PATH_STEPS = 20;
    public static final int MAX_DISTINCT_PATHS = 100_000;
    public static final int MAX_DISTINCT_TRANSITIONS = 100_000;
    public static final int MAX_FUNNEL_STEPS = 20;
    /** Paths and transitions listed in the report. */
    public static final int TOP = 50;

    static final String NO_TYPE = "(none)";
    private static final String SEP = "\u001f";

    private final List<String> steps;
    private final Consumer<CustomerJourney> perCustomer;
    private final BoundedCounter transitions = new BoundedCounter(MAX_DISTINCT_TRANSITIONS);
    private final BoundedCounter paths = new BoundedCounter(MAX_DISTINCT_PATHS);
    private final long[] funnel;
    private long customers;
    private long interactions;
    private long converted;

    private Interaction previous;
    private long count;
    private long first;
    private final StringBuilder path = new StringBuilder();
    private int pathSteps;
    private boolean customerConverted;
    private int reached;

    /**
     * @param steps       the funnel's steps (interaction types), at most {@value #MAX_FUNNEL_STEPS}
     * @param perCustomer receives each customer's journey as it completes
     */
    public JourneyAnalyzer(List<String> steps, Consumer<CustomerJourney> perCustomer) {
        if (steps.size() > MAX_FUNNEL_STEPS) {
            throw new IllegalArgumentException(
                    "a funnel has at most " + MAX_FUNNEL_STEPS + " steps, not " + steps.size());
        }
        this.steps = List.copyOf(steps);
        this.perCustomer = perCustomer;
        this.funnel = new long[steps.size()];
    }

    /** The next interaction, in journey order (refused otherwise). */
    public void accept(Interaction i) {
        if (previous != null && Interaction.JOURNEY_ORDER.compare(previous, i) > 0) {
            throw new IllegalArgumentException(
                    "interactions must come in journey order (customer, time, ingestion order)");
        }
        boolean same = previous != null && previous.customerId().equals(i.customerId());
        if (!same) {
            finishCustomer();
            first = i.epochMicros();
        } else {
            transitions.add(type(previous) + SEP + type(i), 1);
        }
        interactions++;
        count++;
        if (pathSteps < MAX_PATH_STEPS) {
            path.append(pathSteps == 0 ? "" : " > ").append(type(i));
        } else if (pathSteps == MAX_PATH_STEPS) {
            path.append(" > ...");
        }
        pathSteps++;
        customerConverted |= i.converted();
        if (reached < steps.size() && Objects.equals(steps.get(reached), i.type())) {
            reached++;
        }
        previous = i;
    }

    private static String type(Interaction i) {
        return i.type() == null ? NO_TYPE : i.type();
    }

    private void finishCustomer() {
        if (previous == null) {
            return;
        }
        customers++;
        if (customerConverted) {
            converted++;
        }
        paths.add(path.toString(), 1);
        for (int s = 0; s < reached; s++) {
            funnel[s]++;
        }
        perCustomer.accept(new CustomerJourney(
                previous.customerId(),
                count,
                first,
                previous.epochMicros(),
                path.toString(),
                customerConverted,
                reached));
        count = 0;
        path.setLength(0);
        pathSteps = 0;
        customerConverted = false;
        reached = 0;
    }

    /** The report; call once, after the last interaction. */
    public JourneyReport finish() {
        finishCustomer();
        previous = null;
        List<JourneyReport.Transition> t = new ArrayList<>();
        for (Map.Entry<String, Long> e : transitions.top(TOP)) {
            String[] pair = e.getKey().split(SEP, 2);
            t.add(new JourneyReport.Transition(pair[0], pair[1], e.getValue()));
        }
        List<JourneyReport.PathCount> p = paths.top(TOP).stream()
                .map(e -> new JourneyReport.PathCount(e.getKey(), e.getValue()))
                .toList();
        List<JourneyReport.FunnelStep> f = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            f.add(new JourneyReport.FunnelStep(
                    steps.get(s), funnel[s], funnel[0] == 0 ? 0 : (double) funnel[s] / funnel[0]));
        }
        return new JourneyReport(
                customers,
                interactions,
                converted,
                customers == 0 ? 0 : (double) converted / customers,
                t,
                p,
                f,
                paths.overflow());
    }
}
