package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.GraphQlClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health and CRM adapters on the server: imports, a research extract read by a researcher and
 * refused to an analyst, and journeys and cohorts equal to a computation done here, independently.
 */
class AdaptersIT extends DeployedEarFixture {
    private static final Set<String> SPARSE_ZIP3 = Set.of(
            "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884",
            "890", "893");
    private static final String ROWS =
            "query($id: ID) { asset(id: $id) { rows(first: 100) { columns { name } rows { values } } } }";

    /** The admin client, named for its role beside the analysts and researchers of the tests. */
    private final GraphQlClient admin = graphql;

    private static boolean cleaned;

    /**
     * The adapters write to fixed assets (health.vital_signs, health.patients, crm.interactions); other
     * ITs on the same catalog may have made an asset of that name with another schema (AssetGraphQlIT's
     * health.vital_signs), so this class starts without them.
     */
    @BeforeEach
    void startWithoutTheAdaptersAssets() throws Exception {
        if (cleaned) {
            return;
        }
        for (String[] asset :
                List.of(new String[] {"health", "vital_signs"}, new String[] {"health", "patients"}, new String[] {
                    "crm", "interactions"
                })) {
            JsonNode found = admin.execute(
                    "query($ns: String, $name: String) { asset(namespace: $ns, name: $name) { id } }",
                    Map.of("ns", asset[0], "name", asset[1]));
            JsonNode id = found.path("data").path("asset").path("id");
            if (id.isTextual()) {
                admin.data("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", id.asText()));
            }
        }
        cleaned = true;
    }

    @Test
    void vitalSignsBecomeAResearchExtractThatResearchersReadAndAnalystsCannot() throws Exception {
        String[] zips = {"02139", "02140", "03601", "10001"};
        List<Map<String, Object>> patients = new ArrayList<>();
        List<Map<String, Object>> vitals = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            Map<String, Object> patient = new LinkedHashMap<>();
            patient.put("userId", "PAT-" + (1000 + p));
            patient.put("givenName", "Given" + p);
            patient.put("familyName", "Family" + p);
            patient.put(
                    "birthDate",
                    LocalDate.of(p % 5 == 0 ? 1930 : 1960 + p % 7, 1 + p % 12, 1 + p % 28)
                            .toString());
            patient.put("zip", zips[p % zips.length]);
            patient.put("sex", p % 2 == 0 ? "F" : "M");
            patient.put("phone", "617-555-" + (1000 + p));
            patient.put("email", "given" + p + "@example.org");
            patients.add(patient);
            for (int v = 0; v < 3; v++) {
                Map<String, Object> vital = new LinkedHashMap<>();
                vital.put("id", "VS-" + p + "-" + v);
                vital.put("userId", "PAT-" + (1000 + p));
                vital.put(
                        "timestamp",
                        Instant.parse("2026-0" + (1 + v) + "-1" + v + "T08:00:00Z")
                                .toString());
                vital.put("measurementType", v == 2 ? "spo2" : "heart_rate");
                vital.put("value", 60.5 + p + v);
                vital.put("unit", v == 2 ? "%" : "bpm");
                vital.put("source", "watch");
                vital.put("notes", "Given" + p + " felt dizzy");
                vitals.add(vital);
            }
        }
        JsonNode imported = admin.data(
                "mutation($rows: [PatientInput!]!) { importPatients(rows: $rows) { rowsAdded } }",
                Map.of("rows", patients));
        assertThat(imported.get("importPatients").get("rowsAdded").asLong()).isEqualTo(30);
        assertThat(admin.data(
                                "mutation($rows: [VitalSignInput!]!) { importVitalSigns(rows: $rows) { rowsAdded assetRowCount } }",
                                Map.of("rows", vitals))
                        .get("importVitalSigns")
                        .get("assetRowCount")
                        .asLong())
                .isEqualTo(90);

        JsonNode source = admin.data(
                        "{ asset(namespace: \"health\", name: \"vital_signs\") { id classification tags assetType "
                                + "columns { name pii } } }")
                .get("asset");
        assertThat(source.get("classification").asText()).isEqualTo("PHI");
        assertThat(source.get("assetType").asText()).isEqualTo("TIME_SERIES");
        assertThat(source.get("tags").toString()).contains("health", "vital_sign", "time_series");
        assertThat(source.get("columns").toString()).contains("{\"name\":\"user_id\",\"pii\":\"DIRECT_IDENTIFIER\"}");
        String patientsId = admin.data("{ asset(namespace: \"health\", name: \"patients\") { id } }")
                .get("asset")
                .get("id")
                .asText();

        JsonNode report = admin.data(
                        "mutation($input: ResearchExtractInput!) { publishResearchExtract(input: $input) { assetId "
                                + "pseudonymAssetId rows k kReached rowsSuppressed informationLoss quasiIdentifiers { column level } "
                                + "columns { output inputs rule reason } } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "name",
                                        "dizziness_study",
                                        "sourceAssetIds",
                                        List.of(source.get("id").asText(), patientsId),
                                        "k",
                                        3)))
                .get("publishResearchExtract");
        assertThat(report.get("kReached").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(report.get("rows").asLong() + report.get("rowsSuppressed").asLong())
                .isEqualTo(90);
        assertThat(report.get("columns").toString()).contains("\"rule\":\"REMOVE\"");
        String extractId = report.get("assetId").asText();

        // The researcher reads it; every row passes this test's own check.
        JsonNode page = new GraphQlClient()
                .as("researcher")
                .data(ROWS, Map.of("id", extractId))
                .get("asset")
                .get("rows");
        List<String> columns = new ArrayList<>();
        page.get("columns").forEach(c -> columns.add(c.get("name").asText()));
        assertThat(columns)
                .contains("subject", "age", "zip3", "sex", "timestamp_year", "value")
                .doesNotContain(
                        "notes", "user_id", "id", "given_name", "phone", "email", "birth_date", "zip", "timestamp");
        // k holds per subject: a subject's class is the set of its rows' (age, zip3, sex, timestamp_year).
        Map<String, Set<List<String>>> tuplesOfSubject = new HashMap<>();
        for (JsonNode row : page.get("rows")) {
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                JsonNode v = row.get("values").get(c);
                values.put(columns.get(c), v.isNull() ? null : v.asText());
                assertThat(v.asText()).doesNotContain("PAT-", "Given", "Family", "@", "617-555");
            }
            String age = values.get("age");
            assertThat(age.equals("90+")
                            || age.equals("*")
                            || Integer.parseInt(age.split("-")[age.split("-").length - 1]) <= 89)
                    .as(age)
                    .isTrue();
            assertThat(SPARSE_ZIP3).doesNotContain(values.get("zip3"));
            assertThat(values.get("subject")).matches("s-[0-9a-f]{32}");
            tuplesOfSubject
                    .computeIfAbsent(values.get("subject"), s -> new HashSet<>())
                    .add(Arrays.asList(age, values.get("zip3"), values.get("sex"), values.get("timestamp_year")));
        }
        Map<Set<List<String>>, Set<String>> classes = new HashMap<>();
        tuplesOfSubject.forEach((subject, key) ->
                classes.computeIfAbsent(key, k -> new HashSet<>()).add(subject));
        assertThat(classes.values())
                .allSatisfy(subjects -> assertThat(subjects.size()).isGreaterThanOrEqualTo(3));
        assertThat(report.get("quasiIdentifiers").toString()).contains("timestamp_year");

        // Nobody below admin reads the source or the pseudonym keys; analysts do not read the extract.
        JsonNode asAnalyst = new GraphQlClient().as("analyst").execute(ROWS, Map.of("id", extractId));
        assertThat(errorCode(asAnalyst)).isEqualTo("forbidden");
        for (String role : List.of("analyst", "researcher")) {
            assertThat(errorCode(new GraphQlClient()
                            .as(role)
                            .execute(ROWS, Map.of("id", source.get("id").asText()))))
                    .isEqualTo("forbidden");
            assertThat(errorCode(new GraphQlClient()
                            .as(role)
                            .execute(
                                    ROWS,
                                    Map.of("id", report.get("pseudonymAssetId").asText()))))
                    .isEqualTo("forbidden");
        }
        assertThat(admin.data(ROWS, Map.of("id", report.get("pseudonymAssetId").asText()))
                        .get("asset")
                        .get("rows")
                        .get("rows")
                        .size())
                .isEqualTo(classes.values().stream().mapToInt(Set::size).sum());
        assertThat(errorCode(new GraphQlClient()
                        .as("researcher")
                        .execute(
                                "mutation($input: ResearchExtractInput!) "
                                        + "{ publishResearchExtract(input: $input) { assetId } }",
                                Map.of("input", Map.of("name", "again", "sourceAssetIds", List.of(patientsId))))))
                .isEqualTo("forbidden");

        JsonNode lineage = admin.data(
                        "query($id: ID!) { lineage(assetId: $id) { edges { from to transformation columnMappings } } }",
                        Map.of("id", extractId))
                .get("lineage")
                .get("edges");
        assertThat(lineage.toString()).contains("ANONYMIZE_RESEARCH", "\"from\":\"" + patientsId + "\"", "zip3");

        // The audit entry names the extract and lists the PHI sources read and both assets written.
        Map<String, String> entry = writeEntryOf(extractId);
        assertThat(entry).containsEntry("resource_type", "research_extract");
        JsonNode details = new com.fasterxml.jackson.databind.ObjectMapper().readTree(entry.get("details"));
        assertThat(details.get("resourceIds").toString())
                .contains(
                        source.get("id").asText(),
                        patientsId,
                        extractId,
                        report.get("pseudonymAssetId").asText());
        assertThat(details.get("sourceAssetIds").toString())
                .contains(source.get("id").asText(), patientsId);
        assertThat(writeEntryOf(patientsId)).containsEntry("resource_type", "health_patients");
        assertThat(writeEntryOf(source.get("id").asText())).containsEntry("resource_type", "health_vital_signs");

        // The same name again is refused before anything is read or written.
        JsonNode again = admin.execute(
                "mutation($input: ResearchExtractInput!) { publishResearchExtract(input: $input) { assetId } }",
                Map.of("input", Map.of("name", "dizziness_study", "sourceAssetIds", List.of(patientsId), "k", 3)));
        assertThat(errorCode(again)).as(again.toString()).isEqualTo("asset-already-exists");

        // The source goes; the extract stays, and its lineage names the source as deleted.
        admin.data("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", patientsId));
        JsonNode afterDelete = admin.data(
                        "query($id: ID!) { lineage(assetId: $id) { nodes { id kind name } edges { from transformation } } }",
                        Map.of("id", extractId))
                .get("lineage");
        assertThat(afterDelete.get("edges").toString())
                .contains("ANONYMIZE_RESEARCH", "\"from\":\"lakehouse-deleted-asset:")
                .doesNotContain("\"from\":\"" + patientsId + "\"");
        assertThat(afterDelete.get("nodes").toString()).contains(" (deleted)\"", "lakehouse-deleted-asset:");
    }

    /** The newest WRITE entry whose resource is this id (entries may land a moment after the call). */
    private static Map<String, String> writeEntryOf(String resourceId) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (java.sql.Connection db = ItDatabase.connect();
                    java.sql.PreparedStatement query = db.prepareStatement(
                            "SELECT resource_type, details::text AS details FROM lakehouse.audit_logs"
                                    + " WHERE resource_id = ? AND action = 'WRITE' AND outcome = 'SUCCESS'"
                                    + " ORDER BY occurred_at DESC LIMIT 1")) {
                query.setString(1, resourceId);
                try (java.sql.ResultSet found = query.executeQuery()) {
                    if (found.next()) {
                        return Map.of("resource_type", found.getString(1), "details", found.getString(2));
                    }
                }
            }
            assertThat(attempt).as("a WRITE entry for " + resourceId).isLessThan(50);
            Thread.sleep(200);
        }
    }

    @Test
    void anExtractThatCannotReachKIsRefusedAndNothingIsPublished() throws Exception {
        Map<String, Object> patient = new LinkedHashMap<>();
        patient.put("userId", "LONE-1");
        patient.put("birthDate", "1980-01-01");
        patient.put("zip", "02139");
        patient.put("sex", "F");
        admin.data(
                "mutation($rows: [PatientInput!]!) { importPatients(rows: $rows) { rowsAdded } }",
                Map.of("rows", List.of(patient)));
        String patientsId = admin.data("{ asset(namespace: \"health\", name: \"patients\") { id } }")
                .get("asset")
                .get("id")
                .asText();
        JsonNode refused = admin.execute(
                "mutation($input: ResearchExtractInput!) { publishResearchExtract(input: $input) { assetId } }",
                Map.of("input", Map.of("name", "too_small", "sourceAssetIds", List.of(patientsId), "k", 1000)));
        assertThat(errorCode(refused)).as(refused.toString()).isEqualTo("extract-refused");
        assertThat(admin.execute("{ asset(namespace: \"research\", name: \"too_small\") { id } }")
                        .toString())
                .contains("unknown-asset");
    }

    /**
     * An extract reads the patients as they are now: MOR-0 imported at 90+ and imported again at 1980 is one
     * subject of age 46, and MOR-1, deleted with deleteRows, is in neither the extract nor its pseudonym keys.
     */
    @Test
    void anExtractHoldsTheCurrentVersionOfEachPatientAndNoDeletedOne() throws Exception {
        String importPatients = "mutation($rows: [PatientInput!]!) { importPatients(rows: $rows) { rowsAdded } }";
        List<Map<String, Object>> patients = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            patients.add(Map.of(
                    "userId",
                    "MOR-" + p,
                    "birthDate",
                    p == 0 ? "1930-01-01" : "1980-01-01",
                    "zip",
                    "02139",
                    "sex",
                    "F"));
        }
        admin.data(importPatients, Map.of("rows", patients));
        admin.data(
                importPatients,
                Map.of(
                        "rows",
                        List.of(Map.of("userId", "MOR-0", "birthDate", "1980-01-01", "zip", "02139", "sex", "F"))));
        String patientsId = admin.data("{ asset(namespace: \"health\", name: \"patients\") { id } }")
                .get("asset")
                .get("id")
                .asText();
        String deleteRows =
                "mutation($id: ID!, $keys: [RowInput!]!) { deleteRows(assetId: $id, keys: $keys) { snapshotId } }";
        admin.data(deleteRows, Map.of("id", patientsId, "keys", List.of(Map.of("values", List.of("MOR-1")))));

        JsonNode report = admin.data(
                        "mutation($input: ResearchExtractInput!) { publishResearchExtract(input: $input) "
                                + "{ assetId pseudonymAssetId } }",
                        Map.of(
                                "input",
                                Map.of("name", "current_patients", "sourceAssetIds", List.of(patientsId), "k", 2)))
                .get("publishResearchExtract");
        Map<String, String> subjectOf = new HashMap<>();
        for (JsonNode row : admin.data(
                        ROWS, Map.of("id", report.get("pseudonymAssetId").asText()))
                .get("asset")
                .get("rows")
                .get("rows")) {
            String key = row.get("values").get(0).asText();
            if (key.startsWith("MOR-")) {
                subjectOf.put(row.get("values").get(1).asText(), key);
            }
        }
        assertThat(subjectOf.values()).containsExactlyInAnyOrder("MOR-0", "MOR-2", "MOR-3");
        JsonNode page = admin.data(ROWS, Map.of("id", report.get("assetId").asText()))
                .get("asset")
                .get("rows");
        List<String> columns = new ArrayList<>();
        page.get("columns").forEach(c -> columns.add(c.get("name").asText()));
        List<String> agesOfMor = new ArrayList<>();
        for (JsonNode row : page.get("rows")) {
            if (subjectOf.containsKey(
                    row.get("values").get(columns.indexOf("subject")).asText())) {
                agesOfMor.add(row.get("values").get(columns.indexOf("age")).asText());
            }
        }
        assertThat(agesOfMor).hasSize(3).doesNotContain("90+");

        // Later extracts of this class's other tests do not see these patients.
        admin.data(
                deleteRows,
                Map.of(
                        "id",
                        patientsId,
                        "keys",
                        List.of(
                                Map.of("values", List.of("MOR-0")),
                                Map.of("values", List.of("MOR-2")),
                                Map.of("values", List.of("MOR-3")))));
    }

    @Test
    void journeysAndCohortsEqualAnIndependentComputation() throws Exception {
        String[] types = {"visit", "cart", "purchase", "support"};
        Random random = new Random(15);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String[]> sent = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            String customer = String.format("C%02d", c);
            Instant first = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(100 * 86_400));
            int n = 1 + random.nextInt(7);
            for (int i = 0; i < n; i++) {
                // Some interactions share the first one's instant: ties go by ingestion order.
                Instant at = i > 0 && random.nextInt(4) == 0 ? first : first.plusSeconds(random.nextInt(60 * 86_400));
                String type = types[random.nextInt(types.length)];
                String outcome = type.equals("purchase") && random.nextBoolean() ? "converted" : "none";
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("customerId", customer);
                row.put("timestamp", at.toString());
                row.put("interactionType", type);
                row.put("channel", random.nextBoolean() ? "web" : "phone");
                row.put("outcome", outcome);
                row.put("value", 1.5 * i);
                rows.add(row);
                sent.add(new String[] {customer, at.toString(), type, outcome});
            }
        }
        admin.data(
                "mutation($rows: [InteractionInput!]!) { importInteractions(rows: $rows) { rowsAdded } }",
                Map.of("rows", rows));
        String assetId = admin.data("{ asset(namespace: \"crm\", name: \"interactions\") { id } }")
                .get("asset")
                .get("id")
                .asText();

        // Independent computation: journeys in (time, ingestion order).
        Map<String, List<String[]>> journeys = new TreeMap<>();
        for (String[] row : sent) {
            journeys.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
        }
        journeys.values()
                .forEach(list -> list.sort((a, b) -> Instant.parse(a[1]).compareTo(Instant.parse(b[1]))));
        Map<String, Long> transitions = new TreeMap<>();
        Map<String, Long> paths = new TreeMap<>();
        long converted = 0;
        long[] funnel = new long[3];
        List<String> steps = List.of("visit", "cart", "purchase");
        for (List<String[]> journey : journeys.values()) {
            List<String> path = new ArrayList<>();
            int reached = 0;
            boolean conv = false;
            for (int i = 0; i < journey.size(); i++) {
                String type = journey.get(i)[2];
                path.add(type);
                if (i > 0) {
                    transitions.merge(journey.get(i - 1)[2] + ">" + type, 1L, Long::sum);
                }
                if (reached < 3 && steps.get(reached).equals(type)) {
                    reached++;
                }
                conv |= journey.get(i)[3].equals("converted");
            }
            paths.merge(String.join(" > ", path), 1L, Long::sum);
            converted += conv ? 1 : 0;
            for (int s = 0; s < reached; s++) {
                funnel[s]++;
            }
        }

        GraphQlClient analyst = new GraphQlClient().as("analyst");
        JsonNode analytics = analyst.data(
                        "mutation($id: ID!) { createCustomerJourneyAnalytics(assetId: $id, funnelSteps: "
                                + "[\"visit\", \"cart\", \"purchase\"]) { derivedAssetId customers interactions converted conversionRate "
                                + "transitions { from to count } paths { path customers } funnel { step customers } } }",
                        Map.of("id", assetId))
                .get("createCustomerJourneyAnalytics");
        assertThat(analytics.get("customers").asLong()).isEqualTo(journeys.size());
        assertThat(analytics.get("interactions").asLong()).isEqualTo(sent.size());
        assertThat(analytics.get("converted").asLong()).isEqualTo(converted);
        assertThat(analytics.get("conversionRate").asDouble()).isEqualTo((double) converted / journeys.size());
        Map<String, Long> gotTransitions = new TreeMap<>();
        analytics
                .get("transitions")
                .forEach(t -> gotTransitions.put(
                        t.get("from").asText() + ">" + t.get("to").asText(),
                        t.get("count").asLong()));
        assertThat(gotTransitions).isEqualTo(transitions);
        Map<String, Long> gotPaths = new TreeMap<>();
        analytics
                .get("paths")
                .forEach(p ->
                        gotPaths.put(p.get("path").asText(), p.get("customers").asLong()));
        assertThat(gotPaths).isEqualTo(paths);
        List<Long> gotFunnel = new ArrayList<>();
        analytics.get("funnel").forEach(f -> gotFunnel.add(f.get("customers").asLong()));
        assertThat(gotFunnel).containsExactly(funnel[0], funnel[1], funnel[2]);
        JsonNode derived = analyst.data(
                        ROWS, Map.of("id", analytics.get("derivedAssetId").asText()))
                .get("asset")
                .get("rows");
        assertThat(derived.get("rows").size()).isEqualTo(journeys.size());

        JsonNode one = analyst.data(
                        "query($id: ID!) { customerJourney(assetId: $id, customerId: \"C07\") { timestamp interactionType } }",
                        Map.of("id", assetId))
                .get("customerJourney");
        List<String> expectedOne = journeys.get("C07").stream().map(r -> r[2]).toList();
        List<String> gotOne = new ArrayList<>();
        one.forEach(i -> gotOne.add(i.get("interactionType").asText()));
        assertThat(gotOne).isEqualTo(expectedOne);

        // Cohorts by month, computed here.
        Map<String, TreeSet<String>> months = new TreeMap<>();
        for (String[] row : sent) {
            months.computeIfAbsent(row[0], k -> new TreeSet<>())
                    .add(Instant.parse(row[1])
                            .atOffset(ZoneOffset.UTC)
                            .toString()
                            .substring(0, 7));
        }
        String last = months.values().stream()
                .map(TreeSet::last)
                .max(String::compareTo)
                .orElseThrow();
        Map<String, long[]> expected = new TreeMap<>();
        for (TreeSet<String> active : months.values()) {
            String cohort = active.first();
            int span = monthsBetween(cohort, last);
            long[] counts = expected.computeIfAbsent(cohort, k -> new long[span + 2]);
            counts[0]++;
            for (String m : active) {
                counts[1 + monthsBetween(cohort, m)]++;
            }
        }
        JsonNode cohorts = analyst.data(
                        "mutation($id: ID!) { cohortAnalysis(assetId: $id, period: MONTH) { derivedAssetId lastPeriod "
                                + "cohorts { label size active retention } insights } }",
                        Map.of("id", assetId))
                .get("cohortAnalysis");
        assertThat(cohorts.get("lastPeriod").asText()).isEqualTo(last);
        Map<String, long[]> got = new TreeMap<>();
        for (JsonNode c : cohorts.get("cohorts")) {
            long[] counts = new long[c.get("active").size() + 1];
            counts[0] = c.get("size").asLong();
            for (int p = 0; p < c.get("active").size(); p++) {
                counts[p + 1] = c.get("active").get(p).asLong();
                assertThat(c.get("retention").get(p).asDouble()).isEqualTo((double) counts[p + 1] / counts[0]);
            }
            got.put(c.get("label").asText(), counts);
        }
        assertThat(got.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (cohort, counts) -> assertThat(got.get(cohort)).as(cohort).containsExactly(counts));
        assertThat(cohorts.get("insights").toString()).contains("customers in", "Best cohort");

        JsonNode lineage = admin.data(
                        "query($id: ID!) { lineage(assetId: $id, direction: DOWNSTREAM) { edges { transformation } } }",
                        Map.of("id", assetId))
                .get("lineage")
                .get("edges");
        assertThat(lineage.toString()).contains("JOURNEY_ANALYTICS", "COHORT_ANALYSIS");
        assertThat(errorCode(new GraphQlClient()
                        .as("researcher")
                        .execute(
                                "mutation($id: ID!) { cohortAnalysis(assetId: $id, " + "period: WEEK) { lastPeriod } }",
                                Map.of("id", assetId))))
                .isEqualTo("forbidden");
    }

    /**
     * customerJourney's interactions count against graphql_max_response_bytes (16 MiB by default), shared by the
     * request's aliases: three interactions with a 1,000,000-character outcome are 3,000,489 bytes (160 + 3 +
     * 1,000,000 each), so five aliases fit and the other three are refused.
     */
    @Test
    void aJourneyOverTheResponseLimitIsRefusedAsResponseTooLarge() throws Exception {
        List<Map<String, Object>> columns = List.of(
                IngestionRuns.column("customer_id", "string"),
                IngestionRuns.column("timestamp", "timestamp_ms"),
                IngestionRuns.column("outcome", "string"));
        String id = runs.createAsset("crm_budget", "long_outcomes", columns);
        String megabyte = "x".repeat(1_000_000);
        runs.appendRows(
                id,
                columns,
                List.of(
                        List.of("big", "2026-01-01T00:00:00Z", megabyte),
                        List.of("big", "2026-01-02T00:00:00Z", megabyte),
                        List.of("big", "2026-01-03T00:00:00Z", megabyte)));
        String query = "query($id: ID!) { "
                + GraphQlClient.aliased("j", 8, "customerJourney(assetId: $id, customerId: \"big\") { outcome }")
                + "}";

        JsonNode response = admin.execute(query, Map.of("id", id));

        assertThat(errorCode(response)).isEqualTo("response-too-large");
        assertThat(response.get("errors").get(0).get("message").asText())
                .startsWith(
                        "customerJourney: the customer's interactions in crm_budget.long_outcomes would exceed the ")
                .contains("bytes left of graphql_max_response_bytes");
        assertThat(response.get("errors")).hasSize(3);
    }

    private static int monthsBetween(String from, String to) {
        LocalDate a = LocalDate.parse(from + "-01");
        LocalDate b = LocalDate.parse(to + "-01");
        return (b.getYear() - a.getYear()) * 12 + b.getMonthValue() - a.getMonthValue();
    }
}
