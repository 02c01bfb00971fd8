package coop.cpc.lakehouse.adapter.crm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Computes journey analytics in one pass over interactions in {@link Interaction#JOURNEY_ORDER}:
 * memory holds one customer's path (bounded) and the bounded counters, never all customers.
 * <ul>
 *   <li>transition: two consecutive interactions of one customer, counted by (type, next type);</li>
 *   <li>path: a customer's types in order, counted per customer, shown joined with {@code " > "};</li>
 *   <li>funnel: a customer reaches step i when the steps 1..i appear in their journey in that order
 *       (other interactions may come between), matched from the earliest;</li>
 *   <li>conversion: a customer converted when one of their interactions has outcome {@code converted}.</li>
 * </ul>
 * A type is shown as {@link #shown}: so that a path's text names one list of types (a type holding
 * {@code " > "} is one step), paths are counted by that text; transitions by the pair of shown types.
 */
public final class JourneyAnalyzer {
    public static final int MAX_PATH_STEPS = 20;
    /** Characters of a type that paths and transitions keep: a longer type is cut there and ends with "…". */
    public static final int MAX_STEP_CHARS = 100;
    /**
     * The longest path text: {@value #MAX_PATH_STEPS} steps of {@value #MAX_STEP_CHARS} characters and "…",
     * each character possibly escaped (two), the separators and {@code " > ..."} hold 4,083.
     */
    public static final int MAX_PATH_CHARS = 4_096;

    public static final int MAX_DISTINCT_PATHS = 100_000;
    public static final int MAX_DISTINCT_TRANSITIONS = 100_000;
    /** Characters of the keys the paths counter, and the transitions counter, hold by name (each). */
    public static final long MAX_COUNTED_CHARS = 16L << 20;

    public static final int MAX_FUNNEL_STEPS = 20;
    /** Characters of one funnel step (an interaction type, matched whole), at most. */
    public static final int MAX_FUNNEL_STEP_CHARS = 1_024;
    /** Paths and transitions listed in the report. */
    public static final int TOP = 50;

    /** How a missing type is shown; a type of that text is shown {@code \(none)}. */
    static final String NO_TYPE = "(none)";

    private static final String SEPARATOR = " > ";
    private static final String MORE = " > ...";

    /** A transition's key: its two types as shown. */
    private record Pair(String from, String to) {}

    private final List<String> steps;
    private final Consumer<CustomerJourney> perCustomer;
    private final BoundedCounter<Pair> transitions = new BoundedCounter<>(
            MAX_DISTINCT_TRANSITIONS,
            MAX_COUNTED_CHARS,
            p -> p.from().length() + p.to().length(),
            Comparator.comparing(Pair::from).thenComparing(Pair::to));
    private final BoundedCounter<String> paths =
            new BoundedCounter<>(MAX_DISTINCT_PATHS, MAX_COUNTED_CHARS, String::length, Comparator.naturalOrder());
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
            transitions.add(new Pair(shown(previous.type()), shown(i.type())), 1);
        }
        interactions++;
        count++;
        if (pathSteps < MAX_PATH_STEPS) {
            path.append(pathSteps == 0 ? "" : SEPARATOR).append(shown(i.type()));
        } else if (pathSteps == MAX_PATH_STEPS) {
            path.append(MORE);
        }
        pathSteps++;
        customerConverted |= i.converted();
        if (reached < steps.size() && Objects.equals(steps.get(reached), i.type())) {
            reached++;
        }
        previous = i;
    }

    /**
     * A type as paths and transitions show it: its first {@value #MAX_STEP_CHARS} characters (then "…"),
     * {@code \} and {@code >} escaped with {@code \}; a missing type {@code (none)}, a type of that text
     * {@code \(none)}. Types that differ in their first {@value #MAX_STEP_CHARS} characters are shown apart.
     */
    static String shown(String type) {
        if (type == null) {
            return NO_TYPE;
        }
        if (type.equals(NO_TYPE)) {
            return "\\" + NO_TYPE;
        }
        int end = type.length();
        if (end > MAX_STEP_CHARS) {
            // Never split a surrogate pair.
            end = Character.isHighSurrogate(type.charAt(MAX_STEP_CHARS - 1)) ? MAX_STEP_CHARS - 1 : MAX_STEP_CHARS;
        }
        StringBuilder shown = new StringBuilder(end + 8);
        for (int c = 0; c < end; c++) {
            char ch = type.charAt(c);
            if (ch == '\\' || ch == '>') {
                shown.append('\\');
            }
            shown.append(ch);
        }
        return end < type.length() ? shown.append('…').toString() : shown.toString();
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
        for (Map.Entry<Pair, Long> e : transitions.top(TOP)) {
            t.add(new JourneyReport.Transition(e.getKey().from(), e.getKey().to(), e.getValue()));
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
