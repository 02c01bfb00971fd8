package coop.cpc.lakehouse.adapter.health;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identifying values of a source (names, numbers, subject keys...), to find them again in an
 * extract: a value equal to one, or a word of a text equal to one (case ignored). Values shorter than
 * {@value #MIN_LENGTH} characters are not kept (they would match by chance).
 */
public final class IdentifierValues {
    public static final int MIN_LENGTH = 2;
    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}@._+-]+");

    private final Set<String> values = new HashSet<>();

    public void add(Object value) {
        if (value == null) {
            return;
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        if (text.length() >= MIN_LENGTH) {
            values.add(text);
            for (String word : WORDS.split(text)) {
                // Each word of a multi-word name counts on its own ("Ann Lee": "ann", "lee").
                if (word.length() >= 3) {
                    values.add(word);
                }
            }
        }
    }

    public int size() {
        return values.size();
    }

    /** The identifying value the text equals or holds as a word, if any. */
    public Optional<String> foundIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (values.contains(lower)) {
            return Optional.of(lower);
        }
        for (String word : WORDS.split(lower)) {
            if (values.contains(word)) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }
}
