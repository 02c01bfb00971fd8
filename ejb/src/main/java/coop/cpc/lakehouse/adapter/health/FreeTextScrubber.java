package coop.cpc.lakehouse.adapter.health;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a free-text column may stay in an extract: only when it proves clean, that is when
 * no value holds an identifier pattern or one of the source's identifying values, and every distinct
 * value is shared by at least k subjects (a value only a few people have can single them out, whatever
 * it says). Otherwise the whole column is dropped.
 *
 * <p>A value longer than {@value #MAX_SCANNED_CHARS} characters is not scanned: the column is not proved clean.
 */
public final class FreeTextScrubber {
    /** The longest value scanned for identifiers; longer free text is not published (a page, not a note). */
    public static final int MAX_SCANNED_CHARS = 64 * 1024;

    private FreeTextScrubber() {}

    /**
     * @return empty when the column is clean, else why not (without the value)
     */
    public static Optional<String> whyNotClean(
            List<String> values, List<String> subjects, IdentifierValues identifiers, int k) {
        Map<String, Set<String>> holders = new HashMap<>();
        for (int r = 0; r < values.size(); r++) {
            String value = values.get(r);
            if (value == null) {
                continue;
            }
            if (value.length() > MAX_SCANNED_CHARS) {
                return Optional.of("a value is " + value.length() + " characters, more than the " + MAX_SCANNED_CHARS
                        + " scanned for identifiers");
            }
            Optional<String> pattern = IdentifierPatterns.find(value);
            if (pattern.isPresent()) {
                return Optional.of("a value holds a " + pattern.get());
            }
            if (identifiers.foundIn(value).isPresent()) {
                return Optional.of("a value holds an identifying value of the source");
            }
            holders.computeIfAbsent(value, v -> new HashSet<>()).add(subjects.get(r));
        }
        for (Set<String> who : holders.values()) {
            if (who.size() < k) {
                return Optional.of("a value is shared by fewer than " + k + " subjects");
            }
        }
        return Optional.empty();
    }
}
