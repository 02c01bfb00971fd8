package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests of the GraphQL contract: each folder under {@code src/test/resources/graphql-golden}
 * is one case, with
 * <ul>
 * <li>{@code input.graphql}: the request's document;</li>
 * <li>{@code variables.json} (optional): its variables, a JSON object;</li>
 * <li>{@code roles} (optional): the caller's roles, comma-separated (default {@code admin});</li>
 * <li>{@code purpose} (optional): the purpose the caller declared (default {@code USER_VIEW});</li>
 * <li>{@code output.json}: the whole response document, {@code data} and {@code errors}.</li>
 * </ul>
 * The request runs in-process ({@link InProcessGraphQl}) against {@link FakeServices}, reset before
 * each case. A response that differs from {@code output.json} fails with a line diff of the two.
 * {@code -Dgolden.update=true} writes the responses into the {@code output.json} files instead
 * (review the change with {@code git diff} before committing it).
 */
class GraphQlGoldenTest {
    static final Path CASES = Path.of(System.getProperty("basedir", "."), "src/test/resources/graphql-golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyCaseAnswersItsOutput() throws IOException {
        List<Path> cases;
        try (Stream<Path> folders = Files.list(CASES)) {
            cases = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("cases under %s", CASES).isNotEmpty();
        return cases.stream()
                .map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> check(folder)));
    }

    private static void check(Path folder) throws IOException {
        String actual = run(folder);
        Path output = folder.resolve("output.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(output, pretty(JSON.readTree(actual)) + "\n");
            return;
        }
        assertThat(output)
                .as("the expected response of case %s", folder.getFileName())
                .exists();
        assertSameResponse(
                folder.getFileName().toString(), JSON.readTree(Files.readString(output)), JSON.readTree(actual));
    }

    /** Runs the case's request and returns the response document. */
    static String run(Path folder) throws IOException {
        String query = Files.readString(folder.resolve("input.graphql"));
        Path variables = folder.resolve("variables.json");
        Set<String> roles = new LinkedHashSet<>(List.of("admin"));
        Path rolesFile = folder.resolve("roles");
        if (Files.exists(rolesFile)) {
            roles = new LinkedHashSet<>(
                    Arrays.stream(Files.readString(rolesFile).split(","))
                            .map(String::trim)
                            .filter(r -> !r.isEmpty())
                            .toList());
        }
        Path purposeFile = folder.resolve("purpose");
        AuditPurpose purpose = Files.exists(purposeFile)
                ? AuditPurpose.valueOf(Files.readString(purposeFile).trim())
                : AuditPurpose.USER_VIEW;
        FakeServices services = new FakeServices();
        services.reset();
        return InProcessGraphQl.execute(
                query, Files.exists(variables) ? Files.readString(variables) : null, roles, purpose, services);
    }

    /** Fails with a line diff (expected {@code -}, actual {@code +}) when the two documents differ. */
    static void assertSameResponse(String name, JsonNode expected, JsonNode actual) throws IOException {
        if (!expected.equals(actual)) {
            throw new AssertionError(
                    "case " + name + ": the response differs from output.json\n--- output.json\n+++ actual\n"
                            + LineDiff.of(pretty(expected), pretty(actual)));
        }
    }

    private static String pretty(JsonNode node) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    @Test
    void aChangedOutputFailsWithADiffNamingTheLine() throws IOException {
        Path folder = CASES.resolve("asset-by-id");
        JsonNode actual = JSON.readTree(run(folder));
        ObjectNode changed =
                (ObjectNode) JSON.readTree(Files.readString(folder.resolve("output.json"), StandardCharsets.UTF_8));
        ((ObjectNode) changed.get("data").get("asset")).put("name", "not_vitals");

        assertThatThrownBy(() -> assertSameResponse("asset-by-id", changed, actual))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("\n-       \"name\" : \"not_vitals\",\n+       \"name\" : \"vitals\",\n");
    }

    @Test
    void aQueryTheEngineRefusesIsReportedToTheAuditTrailAndAnAnsweredOneIsNot() {
        FakeServices services = new FakeServices();
        services.reset();

        InProcessGraphQl.execute(
                "{ assets { nodes { id colour } } }", null, Set.of("viewer"), AuditPurpose.USER_VIEW, services);
        assertThat(services.refusals).containsExactly("graphql READ invalid-query");

        services.refusals.clear();
        InProcessGraphQl.execute(
                "{ assets { nodes { id } } }", null, Set.of("viewer"), AuditPurpose.USER_VIEW, services);
        assertThat(services.refusals).isEmpty();
    }
}
