package coop.cpc.lakehouse.adapter.crm;

import java.time.LocalDate;
import java.util.List;

/**
 * Cohort retention.
 *
 * @param lastPeriod the label of the last period with an interaction
 * @param cohorts    oldest first
 * @param insights   plain-language findings (best and worst cohort, where retention halves)
 */
public record CohortReport(CohortPeriod period, String lastPeriod, List<Cohort> cohorts, List<String> insights) {

    /**
     * @param active    per offset p = 0 .. last period - cohort: customers with an interaction in period cohort + p
     * @param retention active / size per offset (offset 0 is 1)
     */
    public record Cohort(String label, LocalDate start, long size, List<Long> active, List<Double> retention) {}
}
