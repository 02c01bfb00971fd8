package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.cdc.CdcStream;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.internal.DefaultIngestionJobService;
import coop.cpc.lakehouse.application.job.internal.DefaultJobRejects;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AuditResourceIdTest {
    @Test
    void aCommitOfOneAssetNamesTheAssetEvenWhenAJobIdIsPassedToo() {
        UUID asset = UUID.randomUUID();
        UUID job = UUID.randomUUID();

        String id = AuditInterceptor.argumentId(call(Map.of(asset, "changes"), "work", job, 7L));

        assertThat(id).isEqualTo(asset.toString());
    }

    @Test
    void withoutAMapKeyedByIdTheFirstIdArgumentIsTheResource() {
        UUID first = UUID.randomUUID();

        assertThat(AuditInterceptor.argumentId(call("name", first, UUID.randomUUID())))
                .isEqualTo(first.toString());
        assertThat(AuditInterceptor.argumentId(call("name", 3))).isNull();
    }

    @Test
    void aBatchedReadOfAssetsListsTheAssetsItRead() {
        List<UUID> assets = Stream.generate(UUID::randomUUID).limit(3).toList();

        assertThat(AuditInterceptor.resourceIds(call(assets)))
                .containsExactly(assets.stream().map(UUID::toString).toArray(String[]::new));
    }

    @Test
    void aBatchedReadOfManyAssetsListsTheFirstHundred() {
        List<UUID> assets = Stream.generate(UUID::randomUUID).limit(250).toList();

        assertThat(AuditInterceptor.resourceIds(call(assets))).hasSize(AuditInterceptor.MAX_RESOURCE_IDS);
    }

    @Test
    void aResultThatSaysWhatItWroteNamesTheResourceWhenNoArgumentDoes() {
        UUID written = UUID.randomUUID();
        AuditedResult result = new AuditedResult() {
            @Override
            public Map<String, Object> auditDetails() {
                return Map.of();
            }

            @Override
            public String auditResourceId() {
                return written.toString();
            }
        };

        assertThat(AuditInterceptor.resultId(result)).isEqualTo(written.toString());
        assertThat(AuditInterceptor.resultId((AuditedResult) Map::of)).isNull();
    }

    /** postreview4 #4: a refused or failed publish names the sources it read, from its request. */
    @Test
    void aRequestThatNamesItsResourcesListsThemWhateverTheOutcome() {
        List<UUID> sources = Stream.generate(UUID::randomUUID).limit(2).toList();
        AuditedArgument request = () -> sources;

        List<String> ids = AuditInterceptor.resourceIds(call("name", request));

        assertThat(ids)
                .containsExactly(sources.get(0).toString(), sources.get(1).toString());
        assertThat(AuditInterceptor.withResultIds(ids, null)).isEqualTo(ids);
        assertThat(AuditInterceptor.resourceIds(call((AuditedArgument) List::of)))
                .isNull();
    }

    /** postreview4 #5: a result's resourceIds are appended after the arguments' (before: dropped). */
    @Test
    void aResultsIdsAreAppendedAfterTheArgumentsNotDropped() {
        String source = UUID.randomUUID().toString();
        String written = UUID.randomUUID().toString();
        AuditedResult result = () -> Map.of("resourceIds", List.of(source, written));

        assertThat(AuditInterceptor.withResultIds(List.of(source), result)).containsExactly(source, written);
        assertThat(AuditInterceptor.withResultIds(null, result)).containsExactly(source, written);
    }

    /**
     * A job execution has a number, not a UUID: before, stopping, restarting, abandoning or reading run 42 left the
     * entry's resource id empty (a refused stop of an unknown run too), so an auditor could not tell which run.
     */
    @Test
    void theRunServicesNameTheExecutionTheyAreAskedAboutWhateverTheOutcome() throws Exception {
        for (String name : List.of("stop", "restart", "abandon", "execution")) {
            Method method = DefaultIngestionJobService.class.getMethod(name, long.class);

            assertThat(AuditInterceptor.argumentId(call(method, 42L))).as(name).isEqualTo("42");
        }
        Method rejects = DefaultJobRejects.class.getMethod("read", UUID.class, long.class, int.class);
        assertThat(AuditInterceptor.argumentId(call(rejects, UUID.randomUUID(), 42L, 1024)))
                .as("a run's rejects")
                .isEqualTo("42");
    }

    @Test
    void aMarkedIdArgumentComesBeforeAnIdArgumentAndAnUnmarkedNumberIsNoId() throws Exception {
        UUID job = UUID.randomUUID();
        Method read = Marked.class.getMethod("read", UUID.class, long.class, int.class);
        Method unmarked = Marked.class.getMethod("page", long.class);

        assertThat(AuditInterceptor.argumentId(call(read, job, 7L, 3))).isEqualTo("7");
        assertThat(AuditInterceptor.argumentId(call(unmarked, 7L))).isNull();
    }

    /** A created stream's entry named no stream (createCdcStream has no id argument), and a start no run. */
    @Test
    void aStreamAndARunSayWhichTheyAre() {
        UUID stream = UUID.randomUUID();
        CdcStream created = new CdcStream(
                stream,
                "s",
                "jdbc:postgresql://localhost:5432/db",
                "reader",
                "alias",
                "raw",
                CdcStream.SnapshotMode.NO_DATA,
                "slot",
                "slot_pub",
                true,
                false,
                List.of(),
                null,
                List.of(),
                Instant.EPOCH,
                0);
        JobRun started = new JobRun(
                12L, 3L, UUID.randomUUID(), "STARTING", null, "MANUAL", null, false, null, null, List.of(), null);

        assertThat(AuditInterceptor.resultId(created)).isEqualTo(stream.toString());
        assertThat(created.auditDetails()).isEmpty();
        assertThat(started.auditDetails()).containsEntry("executionId", 12L);
    }

    /** Audited methods whose resource is a number. */
    public static class Marked {
        public void read(UUID job, @AuditedId long execution, int maxBytes) {}

        public void page(long before) {}
    }

    private static InvocationContext call(Object... parameters) {
        return call((Method) null, parameters);
    }

    /** A call of {@code method} (null: no method) with these parameters. */
    private static InvocationContext call(Method method, Object... parameters) {
        return new InvocationContext() {
            private final Map<String, Object> data = new HashMap<>();

            @Override
            public Object getTarget() {
                return null;
            }

            @Override
            public Object getTimer() {
                return null;
            }

            @Override
            public Method getMethod() {
                return method;
            }

            @Override
            public Constructor<?> getConstructor() {
                return null;
            }

            @Override
            public Object[] getParameters() {
                return parameters;
            }

            @Override
            public void setParameters(Object[] params) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> getContextData() {
                return data;
            }

            @Override
            public Object proceed() {
                return null;
            }
        };
    }
}
