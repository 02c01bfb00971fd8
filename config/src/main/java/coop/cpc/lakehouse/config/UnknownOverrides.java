package coop.cpc.lakehouse.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Environment variables ({@code DATA_LAKEHOUSE_*}) and system properties ({@code data_lakehouse.*}) in the
 * lakehouse's namespace that name no {@link LakehouseKey}. They are refused like an unknown key in lakehouse.json:
 * otherwise a mistyped override would be ignored without a word (a mistyped postgresql_connection, say, would
 * start an empty embedded catalog). Names the platform sets for a linked service are not ours and are ignored
 * (unless they are a key): Kubernetes service links of a Service named data-lakehouse or data-lakehouse-db
 * ({@code DATA_LAKEHOUSE_SERVICE_HOST}, {@code DATA_LAKEHOUSE_PORT=tcp://...},
 * {@code DATA_LAKEHOUSE_DB_PORT_5432_TCP_ADDR}) and Docker {@code --link} variables of the same shapes.
 */
public final class UnknownOverrides {
    private static final String ENVIRONMENT_PREFIX = LakehouseSettings.environmentName(LakehouseKey.SECTION + ".");
    private static final String PROPERTY_PREFIX = LakehouseKey.SECTION + ".";
    private static final Set<String> ENVIRONMENT_NAMES = Arrays.stream(LakehouseKey.values())
            .map(key -> LakehouseSettings.environmentName(key.propertyName()))
            .collect(Collectors.toUnmodifiableSet());
    private static final Pattern SERVICE_LINK = Pattern.compile(
            "DATA_LAKEHOUSE_(\\w+_)?(SERVICE_HOST|SERVICE_PORT(_\\w+)?|PORT(_\\d+_(TCP|UDP|SCTP)(_(ADDR|PORT|PROTO))?)?)");

    private UnknownOverrides() {}

    /** Checks the names this JVM was started with. */
    public static void refuseInThisProcess() {
        refuse(System.getenv().keySet(), System.getProperties().stringPropertyNames());
    }

    /**
     * @throws InvalidConfigurationException naming every unknown name and the key closest to it
     */
    public static void refuse(Collection<String> environmentNames, Collection<String> systemPropertyNames) {
        List<String> problems = new ArrayList<>();
        for (String name : environmentNames) {
            // MicroProfile Config reads DATA_LAKEHOUSE_X, data_lakehouse_x and data_lakehouse.x from the environment.
            String normalized = LakehouseSettings.environmentName(name);
            if (normalized.startsWith(ENVIRONMENT_PREFIX)
                    && !ENVIRONMENT_NAMES.contains(normalized)
                    && !SERVICE_LINK.matcher(normalized).matches()) {
                problems.add("the environment variable " + name + " names no key (closest: "
                        + closest(
                                normalized
                                        .substring(ENVIRONMENT_PREFIX.length())
                                        .toLowerCase(),
                                key -> LakehouseSettings.environmentName(key.propertyName()))
                        + ")");
            }
        }
        for (String name : systemPropertyNames) {
            if (name.startsWith(PROPERTY_PREFIX)
                    && LakehouseKey.byKey(name.substring(PROPERTY_PREFIX.length()))
                            .isEmpty()) {
                problems.add("the system property " + name + " names no key (closest: "
                        + closest(name.substring(PROPERTY_PREFIX.length()), LakehouseKey::propertyName) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException("Invalid lakehouse configuration: " + String.join("; ", problems));
        }
    }

    private static String closest(String unknownKey, Function<LakehouseKey, String> spelling) {
        return Arrays.stream(LakehouseKey.values())
                .min(Comparator.comparingInt(key -> editDistance(unknownKey, key.key())))
                .map(spelling)
                .orElseThrow();
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
