package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.io.IOException;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * One kind of ingestion source, everything about it in one place: its settings record, how they
 * are validated, how a run opens a reader on them, what a run commits and which batch job runs it.
 * Each kind lives in its own package under {@code application.source} and is registered once, in
 * {@code registry.SourceKinds}.
 *
 * @param <S> the kind's settings record
 */
public interface SourceKind<S extends SourceSettings> {

    /** The batch job that runs every kind that does not name another (see the batch module). */
    String INGESTION_JOB = "ingestion";

    /** Stored in {@code ingestion_jobs.source_type}, and the {@code kind} of the stored settings JSON. */
    SourceType type();

    Class<S> settingsType();

    /** The GraphQL input field that holds settings of this kind, for messages ({@code postgresTable}). */
    String field();

    /** APPEND for sources whose runs bring only new records, OVERWRITE for those each run reads whole. */
    SnapshotOperation snapshotOperation();

    /** The Jakarta Batch job (XML in the batch module's META-INF/batch-jobs) that runs this kind. */
    default String jobName() {
        return INGESTION_JOB;
    }

    /** False for kinds that create and feed their own assets (sled: one per tree). */
    default boolean feedsTargetAsset() {
        return true;
    }

    /**
     * For a kind that creates its own assets ({@link #feedsTargetAsset()} false): the namespace they are in, or null.
     */
    default String namespaceWritten(S settings) {
        return null;
    }

    /** For a kind that creates its own assets: whether a run may write into the asset of this name. */
    default boolean mayWrite(S settings, String assetName) {
        return false;
    }

    /**
     * What a job of this kind reads (and, for kinds that create their assets, where it writes), as a
     * value compared with {@code equals}. When an update changes it, the job's next-run state
     * (PostgreSQL: the last key read) no longer applies and is dropped, and the update is refused
     * while a run of the job can still go on. Settings outside it (credentials, timeouts, limits)
     * may change at any time. Default: all the settings.
     */
    default Object sourceIdentity(S settings) {
        return settings;
    }

    /**
     * Checks settings before they are stored, so a bad one is refused naming the field. What can change
     * until a run (DNS, the source table, the files) is checked again when a run opens the source.
     */
    void validate(S settings, SourceEnvironment environment) throws InvalidInputException;

    /**
     * Refuses settings that would clash with another job of this kind (file drops: one job per folder).
     *
     * @param others the other jobs of this kind, loaded only when asked for
     */
    default void requireNoClash(S settings, Supplier<List<ExistingJob<S>>> others) throws InvalidInputException {}

    /** Opens the source for a run, at the request's checkpoint or where the job's last run ended. */
    SourceReader open(S settings, OpenRequest request) throws Exception;

    /** After a run's commit, outside its transaction (file drops move what they read to processed/). */
    default void afterCommit(S settings, SourceEnvironment environment, long jobInstanceId) throws Exception {}

    /**
     * Before a job of this kind is deleted, in the deletion's transaction (no run of it is going): settles what its
     * runs that committed left unfinished, which the next job on the same source would otherwise take for unread (file
     * drops move such a run's claimed files to processed/).
     *
     * @param committed tells by job instance whether a run of the job committed
     * @throws IOException when that cannot be done: the deletion is refused with its message
     */
    default void beforeDelete(S settings, SourceEnvironment environment, LongPredicate committed) throws IOException {}

    /**
     * After a run that can never commit (its target asset was deleted): gives back what it took.
     *
     * @return what was done, for the run's exit status, or null when there was nothing to give back
     */
    default String abandon(S settings, SourceEnvironment environment, long jobInstanceId) {
        return null;
    }
}
