package coop.cpc.lakehouse.adapter.crm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cohort retention in one pass over interactions grouped by customer (any order within a customer):
 * a customer's cohort is the UTC period of their first interaction; the cohort's active count at
 * offset p is how many of its customers have at least one interaction in period cohort + p, for p from
 * 0 to the last period with any interaction; retention is active / cohort size. Memory: one customer's
 * periods and one counter per (cohort, offset). The data may span at most {@value #MAX_PERIODS} periods
 * (from the first cohort to the last period), so the report holds at most about half a million cells;
 * {@link #accept} refuses the first interaction that makes the span longer, before the rest is read.
 */
public final class CohortAnalyzer {
    /** The most periods from the first cohort to the last period with an interaction (19 years of weeks). */
    public static final int MAX_PERIODS = 1000;

    private final CohortPeriod period;
    private final TreeMap<Long, Long> sizes = new TreeMap<>();
    private final Map<Long, Map<Long, Long>> active = new HashMap<>();
    private final TreeSet<Long> customerPeriods = new TreeSet<>();
    private String customer;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    public CohortAnalyzer(CohortPeriod period) {
        this.period = period;
    }

    /** The next interaction; a customer's interactions must come together. */
    public void accept(String customerId, long epochMicros) {
        if (customer != null && !customer.equals(customerId)) {
            if (customer.compareTo(customerId) > 0) {
                throw new IllegalArgumentException("interactions must come grouped by customer, in customer order");
            }
            finishCustomer();
        }
        customer = customerId;
        long p = period.index(epochMicros);
        customerPeriods.add(p);
        first = Math.min(first, p);
        last = Math.max(last, p);
        // Refuse at once: reading on would sort and count a source the report cannot hold.
        requireSpanWithinBound();
    }

    private void requireSpanWithinBound() {
        requireSpan(period, first, last);
    }

    /**
     * Refuses interactions whose periods (as {@link CohortPeriod#index}) span from {@code first} to {@code last}
     * more than {@value #MAX_PERIODS} periods: what {@link #accept} refuses, for a caller that knows the span of
     * the interactions before giving them (from the stored statistics, or as it reads them).
     *
     * @throws IllegalArgumentException naming the span, its first and last period and the bound
     */
    public static void requireSpan(CohortPeriod period, long first, long last) {
        if (last - first >= MAX_PERIODS) {
            throw new IllegalArgumentException("the interactions span " + (last - first + 1) + " " + period.word()
                    + "s, from " + period.label(first) + " to " + period.label(last)
                    + "; a cohort analysis covers at most " + MAX_PERIODS
                    + " (check for timestamps far in the past or future)");
        }
    }

    private void finishCustomer() {
        if (customerPeriods.isEmpty()) {
            return;
        }
        long cohort = customerPeriods.first();
        sizes.merge(cohort, 1L, Long::sum);
        Map<Long, Long> counts = active.computeIfAbsent(cohort, c -> new HashMap<>());
        for (long p : customerPeriods) {
            counts.merge(p - cohort, 1L, Long::sum);
        }
        customerPeriods.clear();
    }

    /** The report; call once, after the last interaction. */
    public CohortReport finish() {
        finishCustomer();
        customer = null;
        List<CohortReport.Cohort> cohorts = new ArrayList<>();
        for (Map.Entry<Long, Long> e : sizes.entrySet()) {
            long cohort = e.getKey();
            List<Long> counts = new ArrayList<>();
            List<Double> retention = new ArrayList<>();
            for (long p = 0; p <= last - cohort; p++) {
                long n = active.get(cohort).getOrDefault(p, 0L);
                counts.add(n);
                retention.add((double) n / e.getValue());
            }
            cohorts.add(new CohortReport.Cohort(
                    period.label(cohort), period.start(cohort), e.getValue(), counts, retention));
        }
        return new CohortReport(period, sizes.isEmpty() ? null : period.label(last), cohorts, insights(cohorts));
    }

    private List<String> insights(List<CohortReport.Cohort> cohorts) {
        List<String> out = new ArrayList<>();
        String word = period == CohortPeriod.MONTH ? "month" : "week";
        if (cohorts.isEmpty()) {
            out.add("No interactions, so no cohorts.");
            return out;
        }
        long customers = cohorts.stream().mapToLong(CohortReport.Cohort::size).sum();
        out.add(customers + " customers in " + cohorts.size() + " " + word + "ly cohorts, from "
                + cohorts.get(0).label() + " to "
                + cohorts.get(cohorts.size() - 1).label() + ".");
        CohortReport.Cohort best = null;
        CohortReport.Cohort worst = null;
        for (CohortReport.Cohort c : cohorts) {
            if (c.retention().size() < 2) {
                continue;
            }
            if (best == null || c.retention().get(1) > best.retention().get(1)) {
                best = c;
            }
            if (worst == null || c.retention().get(1) < worst.retention().get(1)) {
                worst = c;
            }
        }
        if (best == null) {
            out.add("No cohort has a second " + word + " in the data yet, so retention cannot be compared.");
        } else {
            out.add("Best cohort: " + best.label() + " (" + best.size() + " customers) with "
                    + percent(best.retention().get(1)) + " still active one " + word + " later.");
            out.add("Worst cohort: " + worst.label() + " (" + worst.size() + " customers) with "
                    + percent(worst.retention().get(1)) + " still active one " + word + " later.");
        }
        int longest = cohorts.get(0).retention().size();
        double lowest = 1;
        int lowestAt = 0;
        for (int p = 1; p < longest; p++) {
            long activeSum = 0;
            long sizeSum = 0;
            for (CohortReport.Cohort c : cohorts) {
                if (c.active().size() > p) {
                    activeSum += c.active().get(p);
                    sizeSum += c.size();
                }
            }
            double average = (double) activeSum / sizeSum;
            if (average <= 0.5) {
                out.add("Retention halves by " + word + " " + p + ": on average " + percent(average)
                        + " of a cohort's customers are active then.");
                return out;
            }
            if (average < lowest) {
                lowest = average;
                lowestAt = p;
            }
        }
        out.add(
                lowestAt == 0
                        ? "Retention cannot halve yet: the data spans one " + word + "."
                        : "Retention never falls to half in the data; its lowest is " + percent(lowest) + " at " + word
                                + " " + lowestAt + ".");
        return out;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
