package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.job.IngestionJobChanges;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.NewIngestionJob;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.source.ExistingJob;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.application.source.registry.SourceKinds;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Turns a job definition (new, or changes to a stored one) into a valid stored job. */
final class JobDefinitions {
    private final IngestionJobRepository jobs;
    private final AssetRepository assets;
    private final SourceEnvironment environment;

    JobDefinitions(IngestionJobRepository jobs, AssetRepository assets, SourceEnvironment environment) {
        this.jobs = jobs;
        this.assets = assets;
        this.environment = environment;
    }

    /**
     * @param admin whether the caller is an admin: only admins set up jobs that write into PHI or RESTRICTED assets
     *              (writing rows into an asset is an admin's operation; operators run the jobs admins set up)
     */
    IngestionJob create(NewIngestionJob definition, String actor, boolean admin)
            throws InvalidInputException, UnknownAssetException, ForbiddenException {
        String name = JobLimits.requireName(definition.name());
        SourceSettings source = requireSource(definition.source());
        SourceKind<SourceSettings> kind = SourceKinds.of(source);
        validate(kind, source, null);
        UUID target = target(kind, definition.targetAssetId());
        requireMayWrite(kind, source, target, admin);
        IngestionJob job = new IngestionJob(name, kind.type(), SourceSettingsJson.write(source), target, actor);
        JobLimits.apply(
                job,
                definition.maxErrors(),
                definition.chunkSize(),
                definition.schedule(),
                definition.scheduleExpression());
        jobs.add(job);
        return job;
    }

    /**
     * Applies the changes. When they change what the job reads or the asset it feeds, the job's
     * next-run state (the last key read) is dropped, since it belongs to the old source; such a change
     * is refused while a run of the job is running or can be restarted (see {@link RunControl}).
     */
    void update(IngestionJob job, IngestionJobChanges changes, RunControl control, boolean admin)
            throws InvalidInputException, UnknownAssetException, StaleVersionException, JobStateException,
                    ForbiddenException {
        if (job.getVersion() != changes.expectedVersion()) {
            throw new StaleVersionException(
                    "ingestion job " + job.getName(), changes.expectedVersion(), job.getVersion());
        }
        String name = changes.name() == null ? null : JobLimits.requireName(changes.name());
        SourceSettings before = SourceSettingsJson.read(job.getSourceConfig());
        SourceKind<SourceSettings> kind = SourceKinds.of(before);
        // What a job that writes into a protected asset reads, or where it writes, is an admin's to change (before
        // and after the change); its name, schedule and limits an operator may change (the console saves them
        // before a start).
        boolean changesWhatOrWhere = changes.source() != null || changes.targetAssetId() != null;
        if (changesWhatOrWhere) {
            requireMayWrite(kind, before, job.getTargetAssetId(), admin);
        }
        SourceSettings source = before;
        if (changes.source() != null) {
            SourceKind<SourceSettings> changed = SourceKinds.of(changes.source());
            if (changed.type() != job.getSourceType()) {
                throw new InvalidInputException("the source of job " + job.getName() + " is " + job.getSourceType()
                        + "; it cannot become " + changed.type() + " (create another job)");
            }
            source = changes.source();
            validate(kind, source, job.getId());
        }
        // The job's own target is not locked again: the job's row (locked) references it already, and a deleteAsset of
        // it, holding the asset's row, waits for this transaction to clear that reference (a lock here would deadlock).
        UUID target =
                changes.targetAssetId() != null && !changes.targetAssetId().equals(job.getTargetAssetId())
                        ? target(kind, changes.targetAssetId())
                        : job.getTargetAssetId();
        if (changesWhatOrWhere) {
            requireMayWrite(kind, source, target, admin);
        }
        boolean otherSource = !Objects.equals(kind.sourceIdentity(before), kind.sourceIdentity(source))
                || !Objects.equals(target, job.getTargetAssetId());
        if (otherSource) {
            control.requireNoUnfinishedRun(job);
        }
        if (name != null) {
            job.setName(name);
        }
        if (changes.source() != null) {
            job.setSourceConfig(SourceSettingsJson.write(source));
        }
        if (changes.targetAssetId() != null) {
            job.setTargetAssetId(target);
        }
        if (otherSource) {
            job.setSourceState("{}");
        }
        ScheduleKind schedule = changes.schedule() != null ? changes.schedule() : job.getSchedule();
        String expression = changes.schedule() != null || changes.scheduleExpression() != null
                ? changes.scheduleExpression()
                : job.getScheduleExpression();
        JobLimits.apply(job, changes.maxErrors(), changes.chunkSize(), schedule, expression);
    }

    /** The kind's checks, then its clashes with the other jobs of the kind (not the one being changed). */
    private void validate(SourceKind<SourceSettings> kind, SourceSettings source, UUID self)
            throws InvalidInputException {
        SourceKinds.validate(source, environment);
        kind.requireNoClash(source, () -> {
            List<ExistingJob<SourceSettings>> others = new ArrayList<>();
            for (IngestionJob other : jobs.findBySourceType(kind.type())) {
                if (!other.getId().equals(self)) {
                    others.add(new ExistingJob<>(other.getName(), SourceSettingsJson.read(other.getSourceConfig())));
                }
            }
            return others;
        });
    }

    private static SourceSettings requireSource(SourceSettings source) throws InvalidInputException {
        if (source == null) {
            throw new InvalidInputException("a job needs a source: one of " + SourceKinds.fields());
        }
        return source;
    }

    /** How many assets of a namespace one catalog query reads while looking for protected ones. */
    private static final int ASSET_PAGE = 500;

    /**
     * Refuses a non-admin a job that writes into a PHI or RESTRICTED asset: its target, or (a kind that creates its
     * own assets) an existing asset of its namespace it may write.
     */
    private void requireMayWrite(SourceKind<SourceSettings> kind, SourceSettings source, UUID target, boolean admin)
            throws ForbiddenException {
        if (admin) {
            return;
        }
        if (target != null
                && assets.find(target).filter(JobDefinitions::isProtected).isPresent()) {
            throw new ForbiddenException();
        }
        String namespace = kind.feedsTargetAsset() ? null : kind.namespaceWritten(source);
        if (namespace == null) {
            return;
        }
        AssetCursor after = null;
        List<DataAsset> page;
        do {
            page = assets.page(namespace, List.of(), after, ASSET_PAGE);
            for (DataAsset asset : page) {
                if (isProtected(asset) && kind.mayWrite(source, asset.getName())) {
                    throw new ForbiddenException();
                }
            }
            after = page.isEmpty() ? null : AssetCursor.after(page.get(page.size() - 1));
        } while (page.size() == ASSET_PAGE);
    }

    private static boolean isProtected(DataAsset asset) {
        return asset.getClassification().compareTo(Classification.RESTRICTED) >= 0;
    }

    /** Every source but those that create their own assets (sled: one per tree) feeds one existing asset. */
    private UUID target(SourceKind<?> kind, UUID targetAssetId) throws InvalidInputException, UnknownAssetException {
        if (!kind.feedsTargetAsset()) {
            if (targetAssetId != null) {
                throw new InvalidInputException(
                        "a sled job feeds one asset per tree, named from sled.assetPrefix: " + "give no targetAssetId");
            }
            return null;
        }
        if (targetAssetId == null) {
            throw new InvalidInputException("targetAssetId must name the asset the rows go to");
        }
        // Locked as the job row's foreign key will reference it: a deleteAsset under way commits first and the asset
        // is then unknown here, instead of the job's INSERT failing on the foreign key at COMMIT (an internal error).
        if (!assets.lockAsReferenced(targetAssetId)) {
            throw new UnknownAssetException("with id " + targetAssetId);
        }
        return targetAssetId;
    }
}
