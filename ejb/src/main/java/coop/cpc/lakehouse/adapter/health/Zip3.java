package coop.cpc.lakehouse.adapter.health;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ZIP code reduced to what Safe Harbor allows: its first three digits, or {@code 000} when the
 * three-digit area had 20,000 people or fewer in the 2000 Census (the 17 prefixes HHS lists in its
 * de-identification guidance, from 67 FR 53182, 53233-53234).
 */
public final class Zip3 {
    /** The three-digit ZIP areas of 20,000 people or fewer (2000 Census), which become {@code 000}. */
    public static final Set<String> RESTRICTED = Set.of(
            "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884",
            "890", "893");

    public static final String SPARSE_AREA = "000";
    private static final Pattern ZIP = Pattern.compile("([0-9]{3})[0-9]{2}(-?[0-9]{4})?");

    private Zip3() {}

    /** The ZIP3 of a five-digit ZIP (or ZIP+4), {@code 000} for a restricted area, null for anything that is not a ZIP. */
    public static String of(String zip) {
        if (zip == null) {
            return null;
        }
        var matcher = ZIP.matcher(zip.strip());
        if (!matcher.matches()) {
            return null;
        }
        String prefix = matcher.group(1);
        return RESTRICTED.contains(prefix) ? SPARSE_AREA : prefix;
    }
}
