package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.batch.operator.JobParameters;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import java.lang.reflect.Proxy;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The batch runtime's contexts as the ingestion artifacts see them, for tests without a runtime. */
final class BatchContexts {
    private BatchContexts() {}

    /** Execution and instance 1 of an ingestion run of a random job, up to 10 rejected records, in {@code status}. */
    static JobContext job(Supplier<BatchStatus> status) {
        Properties properties = new Properties();
        properties.setProperty(JobParameters.JOB_ID, UUID.randomUUID().toString());
        properties.setProperty(JobParameters.MAX_ERRORS, "10");
        return (JobContext) Proxy.newProxyInstance(
                BatchContexts.class.getClassLoader(),
                new Class<?>[] {JobContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBatchStatus" -> status.get();
                    case "getProperties" -> properties;
                    case "getInstanceId", "getExecutionId" -> 1L;
                    default -> null;
                });
    }

    /** A step whose transient user data (what the reader hands the writer) is kept as the runtime keeps it. */
    static StepContext step() {
        AtomicReference<Object> userData = new AtomicReference<>();
        return (StepContext) Proxy.newProxyInstance(
                BatchContexts.class.getClassLoader(),
                new Class<?>[] {StepContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setTransientUserData" -> {
                        userData.set(args[0]);
                        yield null;
                    }
                    case "getTransientUserData" -> userData.get();
                    default -> null;
                });
    }
}
