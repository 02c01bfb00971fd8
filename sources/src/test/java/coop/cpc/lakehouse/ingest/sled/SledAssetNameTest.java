package coop.cpc.lakehouse.ingest.sled;

import static coop.cpc.lakehouse.ingest.sled.SledDatabaseSource.assetName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SledAssetNameTest {

    @Test
    void lowerCasesAndJoinsRunsOfOtherCharactersWithOneUnderscore() {
        assertThat(assetName("app", "users")).isEqualTo("app_users");
        assertThat(assetName("app", "User Events")).isEqualTo("app_user_events");
        assertThat(assetName("app", "  orders//2024..Q1__x ")).isEqualTo("app_orders_2024_q1_x");
        assertThat(assetName("app", "_private_")).isEqualTo("app_private");
        assertThat(assetName("app", "Größe")).isEqualTo("app_gr_e");
        assertThat(assetName("app", "42")).isEqualTo("app_42");
    }

    @Test
    void namesTheDefaultTreeDefault() {
        assertThat(assetName("app", "__sled__default")).isEqualTo("app_default");
    }

    @Test
    void namesATreeWithoutLatinLettersOrDigitsByTheHexOfItsName() {
        assertThat(assetName("app", "")).isEqualTo("app_tree");
        assertThat(assetName("app", "--")).isEqualTo("app_tree_2d2d");
        assertThat(assetName("app", "ключ")).isEqualTo("app_tree_d0bad0bbd18ed187");
    }

    @Test
    void cutsALongNameAndEndsItWithAHashOfTheTreeName() {
        String a = assetName("app", "customer_orders_by_region_and_quarter_since_the_beginning_of_time_a");
        String b = assetName("app", "customer_orders_by_region_and_quarter_since_the_beginning_of_time_b");
        assertThat(a)
                .hasSize(63)
                .startsWith("app_customer_orders_by_region_and_quarter_since_the_be_")
                .matches("[a-z][a-z0-9_]{0,62}");
        assertThat(b).hasSize(63).isNotEqualTo(a);
        assertThat(assetName("app", "x".repeat(59)))
                .as("63 characters: kept whole")
                .isEqualTo("app_" + "x".repeat(59));
        assertThat(assetName("app", "x".repeat(60))).hasSize(63).doesNotContain("x".repeat(60));
    }

    @Test
    void everyNameMatchesTheCatalogPatternAndCutNamesOfDifferentTreesDiffer() {
        String prefix = "prefix_of_some_length";
        Map<String, String> treeOfCutName = new HashMap<>();
        String[] pieces = {"a", "Z", "9", "_", "-", " ", "é", "ключ", "__sled__default", "x".repeat(30)};
        Random random = new Random(11);
        for (int i = 0; i < 5000; i++) {
            StringBuilder tree =
                    new StringBuilder(random.nextBoolean() ? "" : "long_tree_name_with_a_shared_beginning_");
            for (int n = random.nextInt(8); n >= 0; n--) {
                tree.append(pieces[random.nextInt(pieces.length)]);
            }
            String name = assetName(prefix, tree.toString());
            assertThat(name).matches("[a-z][a-z0-9_]{0,62}");
            String whole = prefix + "_"
                    + tree.toString()
                            .toLowerCase(Locale.ROOT)
                            .replaceAll("[^a-z0-9]+", "_")
                            .replaceAll("^_+|_+$", "");
            if (whole.length() > 63) {
                // Cut names carry a hash of the tree name itself: even "A b" and "a_b" differ then.
                String other = treeOfCutName.putIfAbsent(name, tree.toString());
                assertThat(other).as("tree of %s", name).isIn(null, tree.toString());
            }
        }
        assertThat(treeOfCutName).hasSizeGreaterThan(100);
    }

    @Test
    void refusesAPrefixThatIsNotACatalogNameStart() {
        assertThatThrownBy(() -> assetName("App", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assetName("1app", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assetName("a".repeat(41), "t")).isInstanceOf(IllegalArgumentException.class);
        assertThat(assetName("a".repeat(40), "t")).isEqualTo("a".repeat(40) + "_t");
    }

    @Test
    void refusesTwoTreesThatWouldFeedOneAsset() {
        assertThat(SledDatabaseSource.assetNames("app", List.of("__sled__default", "Users", "orders")))
                .containsExactly(
                        Map.entry("__sled__default", "app_default"),
                        Map.entry("Users", "app_users"),
                        Map.entry("orders", "app_orders"));
        assertThatThrownBy(() -> SledDatabaseSource.assetNames("app", List.of("users", "orders", "Users")))
                .hasMessage("sled trees 'users' and 'Users' would both feed asset app_users; "
                        + "read them in separate jobs with different prefixes");
        assertThatThrownBy(() -> SledDatabaseSource.assetNames("app", List.of("default", "__sled__default")))
                .hasMessageStartingWith("sled trees 'default' and '__sled__default' would both feed asset app_default");
    }
}
