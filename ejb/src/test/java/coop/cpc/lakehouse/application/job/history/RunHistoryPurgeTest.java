package coop.cpc.lakehouse.application.job.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.application.testing.RequestScopedBean;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import jakarta.ejb.SessionContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunHistoryPurgeTest {
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aPurgeAskedForWhileAnotherRunsIsRefusedAtOnceWithAClearAnswer() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RunHistoryPurge purge = new RunHistoryPurge();
        // The first purge stops where it asks which server it runs on (Open Liberty: it then purges nothing).
        purge.runner = new RequestScopedBean<>((JobRunner) Proxy.newProxyInstance(
                JobRunner.class.getClassLoader(), new Class<?>[] {JobRunner.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("serverKind")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    inside.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return JobRepositoryConflict.OPEN_LIBERTY;
                }));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return purge.purge();
            } catch (RunHistoryPurgeRunningException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatThrownBy(purge::purge)
                .isInstanceOf(RunHistoryPurgeRunningException.class)
                .hasMessageStartingWith("a run history purge is already running");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).contains("nothing purged on Open Liberty");
        assertThat(purge.purge()).as("once the first has ended").contains("nothing purged on Open Liberty");
    }

    @Test
    void theDailyPurgeRunsThroughTheAuditedBusinessMethodAsTheOperatorsDoes() {
        RunHistoryPurge throughTheContainer = new RunHistoryPurge() {
            @Override
            public String purge() {
                calls.incrementAndGet();
                return "Run history purge: removed 0 job instance(s)";
            }
        };
        RunHistoryPurge purge = new RunHistoryPurge();
        purge.context = (SessionContext) Proxy.newProxyInstance(
                SessionContext.class.getClassLoader(), new Class<?>[] {SessionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBusinessObject") && args[0] == RunHistoryPurge.class) {
                        return throughTheContainer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        purge.daily();

        assertThat(calls).as("audited purge() calls").hasValue(1);
    }
}
