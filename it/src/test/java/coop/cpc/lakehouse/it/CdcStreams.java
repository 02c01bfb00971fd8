package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CDC ITs' streams, through GraphQL: create a stream of the {@link CdcSource}'s tables, read one back, and
 * wait until an asset holds exactly its source table's rows.
 */
public final class CdcStreams {
    /** How long a stream may take to catch up with its source. */
    public static final Duration CONVERGE = Duration.ofSeconds(240);

    public static final String FIELDS = "id name state slot publication lastLsn lagMs eventsPerSecond lastEventAt"
            + " lastError tables { table assetId rows }";

    private final GraphQlClient graphql;
    private final IngestionRuns runs;
    private final Duration converge;
    private final int pageSize;

    /** Over {@code graphql}, waiting up to {@link #CONVERGE}, reading 100 rows a page. */
    public CdcStreams(GraphQlClient graphql) {
        this(graphql, CONVERGE, 100);
    }

    public CdcStreams(GraphQlClient graphql, Duration converge, int pageSize) {
        this.graphql = graphql;
        this.runs = new IngestionRuns(graphql);
        this.converge = converge;
        this.pageSize = pageSize;
    }

    /** The {@code CdcStreamInput} of a stream of the source's {@code tables} into {@code namespace}. */
    public static Map<String, Object> input(String name, List<String> tables, String namespace) {
        return Map.of(
                "name",
                name,
                "url",
                CdcSource.url(),
                "user",
                "postgres",
                "tables",
                tables,
                "targetNamespace",
                namespace);
    }

    /** Creates the stream; its {@link #FIELDS}. */
    public JsonNode create(String name, List<String> tables, String namespace) throws Exception {
        return graphql.data(
                        "mutation($input: CdcStreamInput!) { createCdcStream(input: $input) { " + FIELDS + " } }",
                        Map.of("input", input(name, tables, namespace)))
                .get("createCdcStream");
    }

    /** A stream of one table as {@link #createOf} created it: its id, slot, publication and the table's asset. */
    public record OneTableStream(String id, String slot, String publication, String assetId) {}

    /** Creates the stream of the source's one {@code table}; its id, slot, publication and asset. */
    public OneTableStream createOf(String name, String table, String namespace) throws Exception {
        JsonNode stream = create(name, List.of(table), namespace);
        return new OneTableStream(
                stream.get("id").asText(),
                stream.get("slot").asText(),
                stream.get("publication").asText(),
                stream.get("tables").get(0).get("assetId").asText());
    }

    /**
     * Deletes every stream of the catalog with its slot and publication: a stream left running would be started
     * again by every later deployment on the same catalog, against whichever source then listens on the port.
     */
    public void deleteAll() throws Exception {
        for (JsonNode s : graphql.data("{ cdcStreams { id } }").get("cdcStreams")) {
            Map<String, Object> id = Map.of("id", s.get("id").asText());
            JsonNode dropped =
                    graphql.execute("mutation($id: ID!) { deleteCdcStream(id: $id, dropSlot: true) { id } }", id);
            if (dropped.has("errors")) {
                // A source no longer there (an earlier class's): the stream goes, its slot went with the source.
                graphql.data("mutation($id: ID!) { deleteCdcStream(id: $id, dropSlot: false) { id } }", id);
            }
        }
    }

    /** The stream named {@code name}, as {@code cdcStreams} lists it. */
    public JsonNode stream(String name) throws Exception {
        for (JsonNode s : graphql.data("{ cdcStreams { " + FIELDS + " } }").get("cdcStreams")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stream " + name);
    }

    /**
     * Waits until the asset holds exactly the source table's rows (same values, no more, no fewer): first
     * until the stream's slot has confirmed the source's current WAL position (the catalog holds
     * everything written so far), then compares every row.
     */
    public void awaitEqual(String assetId, String table) throws Exception {
        Converged converged = converge(assetId, table);
        assertThat(converged.actual())
                .as(
                        "asset %s against %s (streams: %s; %s)",
                        assetId, table, converged.streams(), difference(converged.expected(), converged.actual()))
                .isEqualTo(converged.expected());
    }

    /** The rows only one side holds, the first 20 of each (AssertJ shows at most 1,000 rows of each side). */
    static String difference(List<List<String>> expected, List<List<String>> actual) {
        if (expected.equals(actual)) {
            return "equal";
        }
        List<List<String>> missing = new ArrayList<>(expected);
        missing.removeAll(new java.util.HashSet<>(actual));
        List<List<String>> extra = new ArrayList<>(actual);
        extra.removeAll(new java.util.HashSet<>(expected));
        return "only in the source: " + missing.size() + " " + missing.subList(0, Math.min(20, missing.size()))
                + ", only in the asset: " + extra.size() + " " + extra.subList(0, Math.min(20, extra.size()));
    }

    /**
     * The source table's rows now, and the asset's (sorted as {@link CdcSource#rows}) once they are equal or, at
     * the deadline, as they were then; the assertions are the caller's.
     */
    public Converged converge(String assetId, String table) throws Exception {
        Instant deadline = Instant.now().plus(converge);
        List<List<String>> expected = CdcSource.rows(table);
        String slot = slotOf(assetId);
        long target = CdcSource.currentWalLsn();
        List<List<String>> actual = List.of();
        while (Instant.now().isBefore(deadline)) {
            Long flushed = CdcSource.confirmedFlushLsn(slot);
            if (flushed != null && flushed >= target) {
                actual = new ArrayList<>(runs.allRows(assetId, null, pageSize));
                actual.sort(CdcSource.ROW_ORDER);
                if (actual.equals(expected)) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        JsonNode streams = actual.equals(expected) ? null : graphql.data("{ cdcStreams { name state lastError } }");
        return new Converged(expected, actual, streams);
    }

    /** Waits until the stream's {@code lastError} contains {@code expected}; that error. */
    public String awaitLastError(String name, String expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode s = stream(name);
            String error = s.path("lastError").isTextual() ? s.get("lastError").asText() : null;
            if (error != null && error.contains(expected)) {
                return error;
            }
            assertThat(Instant.now())
                    .as(
                            "stream %s stopping with \"%s\" (state %s, lastError %s, tables %s)",
                            name, expected, s.get("state"), error, s.get("tables"))
                    .isBefore(deadline);
            Thread.sleep(250);
        }
    }

    /** What {@link #converge} saw: the source's rows, the asset's, and (when they differ) the streams' state. */
    public record Converged(List<List<String>> expected, List<List<String>> actual, JsonNode streams) {}

    private String slotOf(String assetId) throws Exception {
        for (JsonNode s :
                graphql.data("{ cdcStreams { slot tables { assetId } } }").get("cdcStreams")) {
            for (JsonNode t : s.get("tables")) {
                if (t.get("assetId").asText().equals(assetId)) {
                    return s.get("slot").asText();
                }
            }
        }
        throw new AssertionError("no stream writes asset " + assetId);
    }
}
