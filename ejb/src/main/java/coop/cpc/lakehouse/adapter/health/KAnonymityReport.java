package coop.cpc.lakehouse.adapter.health;

import java.util.List;

/**
 * What k-anonymization did.
 *
 * @param k                the k asked for
 * @param kReached         the fewest subjects in any class kept (0 when none is kept); a subject's class is the set
 *                         of its rows' generalized quasi-identifier tuples
 * @param levels           the generalization level chosen per quasi-identifier, in their order
 * @param rowsSuppressed   rows left out because their subject's class had fewer than k subjects (all of its rows)
 * @param informationLoss  0 (nothing generalized or suppressed) to 1 (everything {@code *} or suppressed): the
 *                         mean over rows of (level / height averaged over the quasi-identifiers), a suppressed row counting 1
 * @param classes          how many classes the subjects kept form
 */
public record KAnonymityReport(
        int k, int kReached, List<Integer> levels, int rowsSuppressed, double informationLoss, int classes) {}
