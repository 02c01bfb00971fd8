package coop.cpc.lakehouse.adapter.health;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The subjects' pseudonyms of one extract: 128 random bits each, drawn when a subject is first seen,
 * never derived from its key, so two extracts of the same people cannot be linked through them.
 */
public final class Pseudonyms {
    private final Random random;
    private final Map<String, String> bySubject = new LinkedHashMap<>();
    private final java.util.Set<String> used = new java.util.HashSet<>();

    public Pseudonyms() {
        this(new SecureRandom());
    }

    /** With a given source of randomness (tests). */
    public Pseudonyms(Random random) {
        this.random = random;
    }

    public String of(String subject) {
        return bySubject.computeIfAbsent(subject, s -> {
            byte[] bits = new byte[16];
            String pseudonym;
            do {
                random.nextBytes(bits);
                pseudonym = "s-" + HexFormat.of().formatHex(bits);
            } while (!used.add(pseudonym));
            return pseudonym;
        });
    }

    /** Subject key → pseudonym, in the order subjects were first seen: the mapping only admins read. */
    public Map<String, String> mapping() {
        return java.util.Collections.unmodifiableMap(bySubject);
    }
}
