package coop.cpc.lakehouse.adapter.health;

import java.util.List;

/**
 * What k-anonymization did.
 *
 * @param k                the k asked for
 * @param kReached         the fewest distinct subjects in any class of the rows kept (0 when none is kept)
 * @param levels           the generalization level chosen per quasi-identifier, in their order
 * @param rowsSuppressed   rows left out because their class had fewer than k subjects
 * @param informationLoss  0 (nothing generalized or suppressed) to 1 (everything {@code *} or suppressed): the
 *                         mean over rows of (level / height averaged over the quasi-identifiers), a suppressed row counting 1
 * @param classes          how many quasi-identifier classes the rows kept form
 */
public record KAnonymityReport(
        int k, int kReached, List<Integer> levels, int rowsSuppressed, double informationLoss, int classes) {}
