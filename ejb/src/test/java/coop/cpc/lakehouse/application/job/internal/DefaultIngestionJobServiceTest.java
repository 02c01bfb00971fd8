package coop.cpc.lakehouse.application.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.ingest.RejectsFiles;
import coop.cpc.lakehouse.application.ingest.UnknownRuns;
import coop.cpc.lakehouse.application.job.ExecutionFilter;
import coop.cpc.lakehouse.application.job.ForeignJobRepositoryException;
import coop.cpc.lakehouse.application.job.IngestionJobChanges;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.NewIngestionJob;
import coop.cpc.lakehouse.application.job.RunParameters;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import coop.cpc.lakehouse.application.job.schedule.IngestionSchedules;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.Role;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import coop.cpc.lakehouse.application.table.FilesAfterTransaction;
import coop.cpc.lakehouse.application.table.FollowedTransaction;
import coop.cpc.lakehouse.application.table.OrphanCleanups;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.transaction.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingestion job service as a script over its collaborators, with the batch runtime ({@code JobRunner}) faked. */
class DefaultIngestionJobServiceTest {
    @TempDir
    Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final FakeJobRunner runner = new FakeJobRunner();
    private final List<String> scheduled = new ArrayList<>();
    /** The jobs whose timer the service cancelled. */
    private final List<UUID> unscheduled = new ArrayList<>();
    /** The jobs whose schedule the service told that a run started (which clears their last missed tick). */
    private final List<UUID> runsStarted = new ArrayList<>();
    /** When the fake timer of every job fires next (empty: no timer). */
    private Optional<Instant> timerNext = Optional.empty();
    /** The service's transaction: each test ends it with {@link #endTransaction}. */
    private final FollowedTransaction transaction = new FollowedTransaction();

    private DefaultIngestionJobService service;
    /** The roles of the caller the service's gate reports. */
    private Set<Role> callerRoles = EnumSet.of(Role.OPERATOR);

    private Path drops;
    private UUID asset;

    @BeforeEach
    void service() throws Exception {
        drops = Files.createDirectories(root.resolve("inbox/drops"));
        Path storage = Files.createDirectories(root.resolve("storage"));
        LakehouseSettings settings = LakehouseSettings.from(name -> switch (name) {
            case "data_lakehouse.local_source_roots" ->
                Optional.of(root.resolve("inbox").toString());
            case "data_lakehouse.webm_storage_path" -> Optional.of(storage.toString());
            default -> Optional.empty();
        });
        DataAsset target = new DataAsset(
                "raw",
                "visits",
                AssetType.STRUCTURED,
                Classification.INTERNAL,
                "{\"columns\":[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false}]}");
        catalog.assetRows.put(target.getId(), target);
        asset = target.getId();
        service = new DefaultIngestionJobService();
        service.jobs = catalog.jobs;
        service.runs = catalog.runs;
        service.assets = catalog.assets;
        service.settings = settings;
        service.filesAfterTransaction = new FilesAfterTransaction(
                transaction, new SegmentFiles(storage), OrphanCleanups.unknownFiles(catalog.segments, catalog.runs));
        service.unknownRuns = new UnknownRuns(catalog.runs, catalog.jobs);
        service.principal = () -> "alice";
        service.runner = runner;
        service.commits = new TableCommits(catalog.assets, catalog.snapshots, catalog.segments);
        service.gate = new OperationGate() {
            @Override
            public Set<Role> callerRoles() {
                return callerRoles;
            }
        };
        service.schedules = new IngestionSchedules() {
            @Override
            public void apply(UUID jobId, ScheduleKind kind, String expression) {
                scheduled.add(kind + " " + expression);
            }

            @Override
            public void cancel(UUID jobId) {
                unscheduled.add(jobId);
            }

            @Override
            public Optional<Instant> nextRun(UUID jobId) {
                return timerNext;
            }

            @Override
            public void runStarted(UUID jobId) {
                runsStarted.add(jobId);
            }
        };
        service.init();
    }

    /** Ends the service's transaction the given way ({@link Status#STATUS_COMMITTED}, STATUS_ROLLEDBACK). */
    private void endTransaction(int status) {
        transaction.end(status);
    }

    private IngestionJob hourlyFileDropJob() throws Exception {
        return service.create(new NewIngestionJob(
                "visits",
                new FileDropSettings(drops.toString(), "*.csv", null, null),
                asset,
                5,
                500,
                ScheduleKind.INTERVAL,
                "PT1H"));
    }

    private IngestionJob fileDropJob(String name) throws Exception {
        return service.create(new NewIngestionJob(
                name, new FileDropSettings(drops.toString(), "*.csv", null, null), asset, 5, 500, null, null));
    }

    private UUID assetClassified(String name, Classification classification) {
        DataAsset protectedAsset = new DataAsset(
                "health",
                name,
                AssetType.STRUCTURED,
                classification,
                "{\"columns\":[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false}]}");
        catalog.assetRows.put(protectedAsset.getId(), protectedAsset);
        return protectedAsset.getId();
    }

    private NewIngestionJob fileDropInto(String name, UUID target) throws Exception {
        Path folder = Files.createDirectories(root.resolve("inbox").resolve(name));
        return new NewIngestionJob(
                name, new FileDropSettings(folder.toString(), "*.csv", null, null), target, 5, 500, null, null);
    }

    @Test
    void aJobWhoseTargetADeleteAssetUnderWayRemovesIsRefusedAsAnUnknownAsset() throws Exception {
        UUID target = assetClassified("discharges", Classification.INTERNAL);
        // deleteAsset holds the asset's row: the job's lock on it waits until the deletion has committed.
        catalog.whileReferenceLockWaits = () -> catalog.assetRows.remove(target);

        assertThatThrownBy(() -> service.create(fileDropInto("discharges", target)))
                .isInstanceOf(UnknownAssetException.class)
                .hasMessageContaining(target.toString());
        assertThat(catalog.jobRows).isEmpty();
    }

    @Test
    void aJobRetargetedToAnAssetADeleteAssetUnderWayRemovesIsRefusedAsAnUnknownAsset() throws Exception {
        IngestionJob job = fileDropJob("visits");
        UUID other = assetClassified("discharges", Classification.INTERNAL);
        catalog.whileReferenceLockWaits = () -> catalog.assetRows.remove(other);

        assertThatThrownBy(() -> service.update(
                        job.getId(),
                        new IngestionJobChanges(job.getVersion(), null, null, other, null, null, null, null)))
                .isInstanceOf(UnknownAssetException.class);
        assertThat(catalog.jobRows.get(job.getId()).getTargetAssetId()).isEqualTo(asset);
    }

    @Test
    void anUpdateNamingTheJobsOwnTargetDoesNotLockItAgain() throws Exception {
        IngestionJob job = fileDropJob("visits");
        catalog.referenceLocks.clear();

        service.update(
                job.getId(), new IngestionJobChanges(job.getVersion(), "visits2", null, asset, null, null, null, null));

        // deleteAsset holds the asset's row and waits for the job's row (its foreign key is set null): a lock on the
        // asset taken while the job's row is held would close the circle.
        assertThat(catalog.referenceLocks).isEmpty();
        assertThat(catalog.jobRows.get(job.getId()).getName()).isEqualTo("visits2");
    }

    @Test
    void onlyAnAdminSetsUpAJobThatWritesIntoAPhiOrRestrictedAsset() throws Exception {
        UUID patients = assetClassified("patients", Classification.PHI);
        UUID payroll = assetClassified("payroll", Classification.RESTRICTED);

        assertThatThrownBy(() -> service.create(fileDropInto("patients", patients)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.create(fileDropInto("payroll", payroll)))
                .isInstanceOf(ForbiddenException.class);
        assertThat(catalog.jobRows).isEmpty();

        callerRoles = EnumSet.of(Role.ADMIN);
        assertThat(service.create(fileDropInto("patients", patients)).getTargetAssetId())
                .isEqualTo(patients);
    }

    @Test
    void anOperatorsSledJobMayNotFeedAPhiAssetItsPrefixNames() throws Exception {
        assetClassified("vital_signs", Classification.PHI);
        Path sled = Files.createDirectories(root.resolve("inbox").resolve("monitors"));
        Files.writeString(sled.resolve("conf"), "");
        Files.writeString(sled.resolve("db"), "");

        assertThatThrownBy(() -> service.create(sledJob("vital monitors", sled, "vital")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(service.create(sledJob("other monitors", sled, "monitor")).getName())
                .isEqualTo("other monitors");
        callerRoles = EnumSet.of(Role.ADMIN);
        assertThat(service.create(sledJob("admin's vital monitors", sled, "vital"))
                        .getName())
                .isEqualTo("admin's vital monitors");
    }

    private static NewIngestionJob sledJob(String name, Path sled, String prefix) {
        return new NewIngestionJob(
                name,
                new SledSettings(sled.toString(), List.of(), "health", prefix, null, null),
                null,
                5,
                500,
                null,
                null);
    }

    @Test
    void anOperatorChangesTheNameScheduleAndLimitsOfAnAdminsJobIntoAPhiAssetButNotItsSource() throws Exception {
        UUID patients = assetClassified("patients", Classification.PHI);
        callerRoles = EnumSet.of(Role.ADMIN);
        IngestionJob adminsJob = service.create(fileDropInto("patients", patients));
        callerRoles = EnumSet.of(Role.OPERATOR);

        IngestionJob renamed = service.update(
                adminsJob.getId(),
                new IngestionJobChanges(adminsJob.getVersion(), "patients nightly", null, null, 9, 250, null, null));

        assertThat(renamed.getName()).isEqualTo("patients nightly");
        assertThat(renamed.getChunkSize()).isEqualTo(250);
        Path elsewhere = Files.createDirectories(root.resolve("inbox").resolve("elsewhere"));
        assertThatThrownBy(() -> service.update(
                        renamed.getId(),
                        new IngestionJobChanges(
                                renamed.getVersion(),
                                null,
                                new FileDropSettings(elsewhere.toString(), "*.csv", null, null),
                                null,
                                null,
                                null,
                                null,
                                null)))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anOperatorNeitherRetargetsAnAdminsJobAwayFromAPhiAssetNorItsOwnJobToOne() throws Exception {
        UUID patients = assetClassified("patients", Classification.PHI);
        callerRoles = EnumSet.of(Role.ADMIN);
        IngestionJob adminsJob = service.create(fileDropInto("patients", patients));
        callerRoles = EnumSet.of(Role.OPERATOR);
        IngestionJob operatorsJob = fileDropJob("visits");

        assertThatThrownBy(() -> service.update(
                        adminsJob.getId(),
                        new IngestionJobChanges(adminsJob.getVersion(), null, null, asset, null, null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.update(
                        operatorsJob.getId(),
                        new IngestionJobChanges(
                                operatorsJob.getVersion(), null, null, patients, null, null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThat(catalog.jobRows.get(operatorsJob.getId()).getTargetAssetId()).isEqualTo(asset);
        assertThat(catalog.jobRows.get(adminsJob.getId()).getName()).isEqualTo("patients");
    }

    @Test
    void aNewJobIsStoredWithItsKindItsLimitsAndItsSchedule() throws Exception {
        IngestionJob job = service.create(new NewIngestionJob(
                " visits ",
                new FileDropSettings(drops.toString(), "*.csv", null, null),
                asset,
                5,
                500,
                ScheduleKind.INTERVAL,
                "PT15M"));

        assertThat(catalog.jobRows).containsKey(job.getId());
        assertThat(job.getName()).isEqualTo("visits");
        assertThat(job.getSourceType()).isEqualTo(SourceType.FILE_DROP);
        assertThat(job.getSourceConfig()).contains("\"kind\":\"FILE_DROP\"");
        assertThat(job.getMaxErrors()).isEqualTo(5);
        assertThat(job.getChunkSize()).isEqualTo(500);
        assertThat(job.getCreatedBy()).isEqualTo("alice");
        assertThat(job.getNextRunAt()).isNotNull();
        assertThat(scheduled).containsExactly("INTERVAL PT15M");
    }

    @Test
    void aJobIsRefusedNamingWhatIsWrongBeforeAnythingIsStored() {
        assertThatThrownBy(() -> service.create(new NewIngestionJob("x", null, asset, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("a job needs a source: one of postgresTable, sled, httpApi, fileDrop");
        assertThatThrownBy(() -> service.create(new NewIngestionJob(
                        "x",
                        new FileDropSettings(drops.toString(), "*.csv", null, null),
                        null,
                        null,
                        null,
                        null,
                        null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("targetAssetId must name the asset the rows go to");
        assertThatThrownBy(() -> service.create(new NewIngestionJob(
                        "x", new FileDropSettings(drops.toString(), "*.csv", null, null), asset, null, 0, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("chunkSize must be from 1 to 100000, not 0");
        assertThatThrownBy(() -> service.create(new NewIngestionJob(
                        "x",
                        new FileDropSettings(drops.toString(), "*.csv", null, null),
                        asset,
                        null,
                        null,
                        ScheduleKind.REALTIME,
                        null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("schedule REALTIME is for change data capture");
        assertThat(catalog.jobRows).isEmpty();
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aJobNameOrSourceSettingWithNulOrALoneSurrogateIsRefused() {
        assertThatThrownBy(() -> fileDropJob("visits\u0000"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("name must not contain NUL");
        assertThatThrownBy(() -> fileDropJob("visits\ud800"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("name is not valid Unicode");
        assertThatThrownBy(() -> service.create(new NewIngestionJob(
                        "x",
                        new FileDropSettings(drops.toString(), "*\udc00.csv", null, null),
                        asset,
                        null,
                        null,
                        null,
                        null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("fileDrop settings is not valid Unicode");
        assertThat(catalog.jobRows).isEmpty();
    }

    @Test
    void aSecondJobOnTheSameDropFolderIsRefused() throws Exception {
        fileDropJob("first");

        assertThatThrownBy(() -> fileDropJob("second"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "fileDrop.directory is the folder of ingestion job first; a drop folder belongs to one job");
        assertThat(catalog.jobRows).hasSize(1);
    }

    @Test
    void anUpdateKeepsTheKindAndChecksTheVersion() throws Exception {
        IngestionJob job = fileDropJob("visits");
        HttpApiSettings http =
                new HttpApiSettings("https://api.example.org/v1", null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> service.update(
                        job.getId(),
                        new IngestionJobChanges(job.getVersion() + 1, "renamed", null, null, null, null, null, null)))
                .isInstanceOf(StaleVersionException.class)
                .hasMessage("The ingestion job visits is at version " + job.getVersion() + ", not "
                        + (job.getVersion() + 1) + ": read it again and retry");
        assertThatThrownBy(() -> service.update(
                        job.getId(),
                        new IngestionJobChanges(job.getVersion(), null, http, null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the source of job visits is FILE_DROP; it cannot become HTTP_API (create another job)");

        IngestionJob changed = service.update(
                job.getId(),
                new IngestionJobChanges(
                        job.getVersion(),
                        "renamed",
                        new FileDropSettings(drops.toString(), "*.ndjson", null, null),
                        null,
                        7,
                        null,
                        null,
                        null));
        assertThat(changed.getName()).isEqualTo("renamed");
        assertThat(changed.getSourceConfig()).contains("*.ndjson");
        assertThat(changed.getMaxErrors()).isEqualTo(7);
    }

    @Test
    void anotherSourceFolderOrTargetDropsTheLastKeyReadButOtherChangesKeepIt() throws Exception {
        IngestionJob job = fileDropJob("visits");
        Path otherFolder = Files.createDirectories(root.resolve("inbox/other"));
        DataAsset otherTarget =
                new DataAsset("raw", "visits_2026", AssetType.STRUCTURED, Classification.INTERNAL, "{\"columns\":[]}");
        catalog.assetRows.put(otherTarget.getId(), otherTarget);
        String lastKey = "{\"lastKey\":[1000000]}";
        job.setSourceState(lastKey);

        service.update(job.getId(), sourceChange(job, new FileDropSettings(drops.toString(), "*.ndjson", null, null)));
        assertThat(job.getSourceState()).as("same folder, other glob").isEqualTo(lastKey);

        service.update(
                job.getId(), sourceChange(job, new FileDropSettings(otherFolder.toString(), "*.csv", null, null)));
        assertThat(job.getSourceState()).as("other folder").isEqualTo("{}");

        job.setSourceState(lastKey);
        service.update(
                job.getId(),
                new IngestionJobChanges(job.getVersion(), null, null, otherTarget.getId(), null, null, null, null));
        assertThat(job.getSourceState()).as("other target").isEqualTo("{}");
    }

    @Test
    void anotherSourceIsRefusedWhileARunOfTheJobCanGoOnUntilItIsAbandoned() throws Exception {
        IngestionJob job = fileDropJob("visits");
        Path otherFolder = Files.createDirectories(root.resolve("inbox/other"));
        job.setSourceState("{\"lastKey\":[1000000]}");
        String before = job.getSourceConfig();
        JobRun run = service.start(job.getId());

        assertThatThrownBy(() -> service.update(
                        job.getId(),
                        sourceChange(job, new FileDropSettings(otherFolder.toString(), "*.csv", null, null))))
                .isInstanceOf(JobStateException.class)
                .hasMessageStartingWith("ingestion job visits is running (execution " + run.executionId() + ")");
        runner.end(run.executionId(), "FAILED");
        assertThatThrownBy(() -> service.update(
                        job.getId(),
                        sourceChange(job, new FileDropSettings(otherFolder.toString(), "*.csv", null, null))))
                .isInstanceOf(JobStateException.class)
                .hasMessage("execution " + run.executionId() + " of ingestion job visits is FAILED and could be"
                        + " restarted against the changed source or target; abandon it (abandonJobExecution) before"
                        + " changing what the job reads or where it writes");
        assertThat(job.getSourceConfig()).isEqualTo(before);
        assertThat(job.getSourceState()).isEqualTo("{\"lastKey\":[1000000]}");
        service.update(job.getId(), sourceChange(job, new FileDropSettings(drops.toString(), "*.ndjson", null, null)));

        service.abandon(run.executionId());
        service.update(
                job.getId(), sourceChange(job, new FileDropSettings(otherFolder.toString(), "*.csv", null, null)));

        assertThat(job.getSourceConfig()).contains("other");
        assertThat(job.getSourceState()).isEqualTo("{}");
    }

    private static IngestionJobChanges sourceChange(IngestionJob job, FileDropSettings source) {
        return new IngestionJobChanges(job.getVersion(), null, source, null, null, null, null, null);
    }

    @Test
    void aStartRunsTheKindsBatchJobWithTheJobsParametersAndRecordsTheRun() throws Exception {
        IngestionJob job = fileDropJob("visits");

        JobRun run = service.start(job.getId());

        assertThat(runner.started).containsExactly(SourceKind.INGESTION_JOB);
        assertThat(runner.parameters).containsExactly(new RunParameters(job.getId(), 500, 5));
        assertThat(run.jobId()).isEqualTo(job.getId());
        assertThat(run.trigger()).isEqualTo("MANUAL");
        assertThat(run.batchStatus()).isEqualTo("STARTING");
        assertThat(run.steps()).extracting(step -> step.name()).containsExactly("read");
        assertThat(catalog.runRows).singleElement().satisfies(r -> {
            assertThat(r.getExecutionId()).isEqualTo(run.executionId());
            assertThat(r.getTrigger()).isEqualTo(RunTrigger.MANUAL);
        });
        assertThat(service.startScheduled(startAfterEnd(job, run)).trigger()).isEqualTo("SCHEDULE");
    }

    private UUID startAfterEnd(IngestionJob job, JobRun run) {
        runner.end(run.executionId(), "COMPLETED");
        return job.getId();
    }

    @Test
    void theFirstServerToStartARunClaimsTheCatalogAndTheOtherServerKindsJobOperationsAreRefusedClearly()
            throws Exception {
        IngestionJob job = fileDropJob("visits-drop");
        assertThat(catalog.jobRepositoryOwner)
                .as("nothing claimed before a run")
                .isNull();
        JobRun wildFlyRun = service.start(job.getId());
        assertThat(catalog.jobRepositoryOwner).isEqualTo("WILDFLY");

        runner.serverKind = "OPEN_LIBERTY";
        int startedBefore = runner.started.size();
        String refusal = "this catalog's ingestion runs belong to the WildFly job repository; Open Liberty keeps"
                + " its own — use a separate catalog, see docs/deployment.md";
        ForeignJobRepositoryException e =
                catchThrowableOfType(ForeignJobRepositoryException.class, () -> service.start(job.getId()));
        assertThat(e).hasMessage(refusal);
        assertThat(e.code()).isEqualTo("foreign-job-repository");
        assertThat(runner.started).as("Liberty started nothing").hasSize(startedBefore);
        assertThatThrownBy(() -> service.startScheduled(job.getId())).hasMessage(refusal);
        assertThatThrownBy(() -> service.executions(job.getId(), 20)).hasMessage(refusal);
        assertThatThrownBy(() -> service.execution(wildFlyRun.executionId())).hasMessage(refusal);
        assertThatThrownBy(() -> service.searchExecutions(null, null, 20)).hasMessage(refusal);
        assertThatThrownBy(() -> service.stop(wildFlyRun.executionId())).hasMessage(refusal);
        assertThatThrownBy(() -> service.restart(wildFlyRun.executionId())).hasMessage(refusal);
        assertThatThrownBy(() -> service.abandon(wildFlyRun.executionId())).hasMessage(refusal);
        Path otherFolder = Files.createDirectories(root.resolve("inbox/elsewhere"));
        assertThatThrownBy(() -> service.update(
                        job.getId(),
                        sourceChange(job, new FileDropSettings(otherFolder.toString(), "*.csv", null, null))))
                .as("a change of source looks at the latest run, which is in the other server's repository")
                .hasMessage(refusal);
        assertThat(catalog.jobRepositoryOwner).isEqualTo("WILDFLY");

        runner.serverKind = "WILDFLY";
        assertThat(service.executions(job.getId(), 20)).hasSize(1);
    }

    @Test
    void aRefusedStartClaimsNothing() throws Exception {
        IngestionJob job = fileDropJob("visits-drop");
        assertThatThrownBy(() -> service.start(UUID.randomUUID())).isInstanceOf(UnknownIngestionJobException.class);
        assertThat(catalog.jobRepositoryOwner)
                .as("an unknown job claims nothing")
                .isNull();

        service.start(job.getId());
        // A catalog whose runs no server has claimed (runs recorded before the claim existed).
        catalog.jobRepositoryOwner = null;
        runner.serverKind = "OPEN_LIBERTY";
        assertThatThrownBy(() -> service.start(job.getId()))
                .isInstanceOf(JobStateException.class)
                .hasMessageContaining("is running");
        assertThat(catalog.jobRepositoryOwner)
                .as("a start refused because the job runs claims nothing")
                .isNull();
    }

    @Test
    void anExecutionFilterOutsideTheCatalogsYearsIsBadInputNamingTheBound() {
        assertThatThrownBy(() -> service.searchExecutions(
                        new ExecutionFilter(null, null, null, Instant.parse("+294277-01-01T00:00:00Z"), null),
                        null,
                        20))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("to must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
    }

    @Test
    void aJobPageAfterAnInstantOutsideTheCatalogsYearsIsBadInputNamingAfter() {
        TimeOrderCursor after = new TimeOrderCursor(Instant.ofEpochSecond(-999_999_999_999L), UUID.randomUUID());

        assertThatThrownBy(() -> service.list(null, after, 20))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("after must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
    }

    @Test
    void aCatalogNoServerHasClaimedIsReadableByEitherServerKind() throws Exception {
        IngestionJob job = fileDropJob("visits-drop");
        runner.serverKind = "OPEN_LIBERTY";
        assertThat(service.executions(job.getId(), 20)).isEmpty();
        assertThat(service.searchExecutions(null, null, 20).items()).isEmpty();
        assertThat(catalog.jobRepositoryOwner).as("reading claims nothing").isNull();
        service.start(job.getId());
        assertThat(catalog.jobRepositoryOwner).isEqualTo("OPEN_LIBERTY");
    }

    @Test
    void oneRunOfAJobAtATimeUnlessTheRunningOneWasInterrupted() throws Exception {
        IngestionJob job = fileDropJob("visits");
        JobRun first = service.start(job.getId());

        assertThatThrownBy(() -> service.start(job.getId()))
                .isInstanceOf(JobStateException.class)
                .hasMessage("ingestion job visits is running (execution " + first.executionId()
                        + "); stop it or wait for it to end");

        runner.interrupted.add(first.executionId());
        assertThat(service.start(job.getId()).executionId()).isNotEqualTo(first.executionId());
    }

    @Test
    void startsRestartsAndSourceUpdatesLockTheJobRowBeforeLookingAtItsRuns() throws Exception {
        // Without the lock, a timer tick arriving between a start's "not running" check and its run row started a
        // second run of the job; with it, the second caller waits for the first's commit and sees its run.
        IngestionJob job = fileDropJob("visits");
        List<String> expected = List.of("lock " + job.getId(), "latest " + job.getId());

        JobRun manual = service.start(job.getId());
        assertThat(catalog.jobLocksAndRunReads).startsWith(expected.toArray(String[]::new));
        runner.end(manual.executionId(), "STOPPED");

        catalog.jobLocksAndRunReads.clear();
        JobRun restart = service.restart(manual.executionId());
        assertThat(catalog.jobLocksAndRunReads).startsWith(expected.toArray(String[]::new));
        runner.end(restart.executionId(), "COMPLETED");

        catalog.jobLocksAndRunReads.clear();
        JobRun scheduledRun = service.startScheduled(job.getId());
        assertThat(catalog.jobLocksAndRunReads).startsWith(expected.toArray(String[]::new));
        runner.end(scheduledRun.executionId(), "COMPLETED");

        catalog.jobLocksAndRunReads.clear();
        Files.createDirectories(root.resolve("inbox/other"));
        service.update(
                job.getId(),
                sourceChange(
                        job, new FileDropSettings(root.resolve("inbox/other").toString(), "*.csv", null, null)));
        assertThat(catalog.jobLocksAndRunReads).startsWith(expected.toArray(String[]::new));
    }

    @Test
    void aJobWhoseTargetAssetWasDeletedStartsNoRunNamingTheMissingTarget() throws Exception {
        IngestionJob job = fileDropJob("visits");
        job.setTargetAssetId(null); // what ON DELETE SET NULL leaves after deleteAsset

        for (var start : List.<StartCall>of(service::start, service::startScheduled)) {
            assertThatThrownBy(() -> start.start(job.getId()))
                    .isInstanceOf(JobStateException.class)
                    .hasMessage("ingestion job visits has no target asset (it was deleted); give it one with"
                            + " updateIngestionJob before starting it");
        }
        assertThat(runner.started).isEmpty();
        assertThat(catalog.runRows).isEmpty();
    }

    private interface StartCall {
        JobRun start(UUID jobId) throws Exception;
    }

    @Test
    void anUpdateThatLeavesTheScheduleAloneKeepsTheTimerAndItsNextRun() throws Exception {
        IngestionJob job = hourlyFileDropJob();
        Instant next = job.getNextRunAt();

        service.update(
                job.getId(), new IngestionJobChanges(job.getVersion(), "renamed", null, null, 7, null, null, null));
        assertThat(scheduled)
                .as("an INTERVAL timer re-created would restart its period")
                .containsExactly("INTERVAL PT1H");
        assertThat(job.getNextRunAt()).isEqualTo(next);

        service.update(
                job.getId(),
                new IngestionJobChanges(job.getVersion(), null, null, null, null, null, ScheduleKind.INTERVAL, "PT2H"));
        assertThat(scheduled).containsExactly("INTERVAL PT1H", "INTERVAL PT2H");
    }

    @Test
    void aScheduledTickLeavesTheJobRowToTheRunsOwnTransactions() throws Exception {
        IngestionJob job = hourlyFileDropJob();
        Instant next = job.getNextRunAt();
        long version = job.getVersion();
        timerNext = Optional.of(Instant.parse("2030-01-01T10:00:00Z"));

        service.startScheduled(job.getId());
        assertThatThrownBy(() -> service.startScheduled(job.getId())).isInstanceOf(JobStateException.class);

        assertThat(job.getNextRunAt()).isEqualTo(next);
        assertThat(job.getVersion()).isEqualTo(version);
    }

    @Test
    void aNewRunDiscardsWhatAnEarlierUnfinishedRunStaged() throws Exception {
        IngestionJob job = fileDropJob("visits");
        JobRun failed = service.start(job.getId());
        runner.end(failed.executionId(), "FAILED");
        Path leftover =
                Files.createDirectories(root.resolve("storage/raw/visits/data")).resolve("old.webm");
        Files.writeString(leftover, "x");
        catalog.stagedRows.add(staged("raw/visits/data/old.webm", failed, job));

        service.start(job.getId());

        assertThat(catalog.stagedRows).isEmpty();
        assertThat(leftover).as("until the start has committed").exists();
        endTransaction(Status.STATUS_COMMITTED);
        assertThat(leftover).doesNotExist();
    }

    /** The catalog's row of a segment file the run staged into the job's asset (one row of one column). */
    private StagedSegmentFile staged(String path, JobRun run, IngestionJob job) {
        return new StagedSegmentFile(path, run.jobInstanceId(), job.getId(), asset, "[]", 1, 1, "00", "{}", "{}");
    }

    @Test
    void aNewRunKeepsTheStagedFilesOfAnUnfinishedRunThatASnapshotNames() throws Exception {
        IngestionJob job = fileDropJob("visits");
        JobRun failed = service.start(job.getId());
        runner.end(failed.executionId(), "FAILED");
        Path data = Files.createDirectories(root.resolve("storage/raw/visits/data"));
        Path committed = Files.writeString(data.resolve("committed.webm"), "x");
        Path uncommitted = Files.writeString(data.resolve("uncommitted.webm"), "x");
        for (String name : List.of("committed.webm", "uncommitted.webm")) {
            catalog.stagedRows.add(staged("raw/visits/data/" + name, failed, job));
        }
        // A commit of the failed run recorded its first file, and the run was not marked committed.
        service.commits.commitOnCurrent(
                asset,
                SnapshotOperation.APPEND,
                List.of(),
                List.of(new StagedSegment(
                        "raw/visits/data/committed.webm",
                        1,
                        1,
                        "a".repeat(64),
                        "{\"id\":{\"type\":\"int64\",\"nullCount\":0}}")),
                job.getId(),
                failed.executionId(),
                null);

        service.start(job.getId());
        endTransaction(Status.STATUS_COMMITTED);

        assertThat(committed).as("named by the asset's current snapshot").exists();
        assertThat(uncommitted).doesNotExist();
        assertThat(catalog.stagedRows).isEmpty();
    }

    @Test
    void stopAndRestartGoThroughTheRunnerAndARestartIsRecordedAsOne() throws Exception {
        IngestionJob job = fileDropJob("visits");
        JobRun run = service.start(job.getId());

        assertThatThrownBy(() -> service.restart(run.executionId()))
                .isInstanceOf(JobStateException.class)
                .hasMessage("execution " + run.executionId()
                        + " is STARTING; only a stopped, failed or interrupted execution can be restarted");
        service.stop(run.executionId());
        assertThat(runner.stopped).containsExactly(run.executionId());
        runner.end(run.executionId(), "STOPPED");
        assertThatThrownBy(() -> service.stop(run.executionId()))
                .isInstanceOf(JobStateException.class)
                .hasMessage("execution " + run.executionId() + " is not running");

        JobRun restart = service.restart(run.executionId());

        assertThat(restart.trigger()).isEqualTo("RESTART");
        assertThat(restart.restartOf()).isEqualTo(run.executionId());
        assertThat(restart.jobInstanceId()).isEqualTo(run.jobInstanceId());
        assertThat(service.executions(job.getId(), 10))
                .extracting(JobRun::executionId)
                .containsExactly(restart.executionId(), run.executionId());
    }

    @Test
    void aRunStartedByHandOrRestartedClearsTheJobsMissedTickAndARefusedStartDoesNot() throws Exception {
        IngestionJob job = fileDropJob("visits");

        JobRun run = service.start(job.getId());

        assertThat(runsStarted).containsExactly(job.getId());
        assertThatThrownBy(() -> service.start(job.getId())).isInstanceOf(JobStateException.class);
        assertThat(runsStarted).as("a refused start leaves it").containsExactly(job.getId());

        service.stop(run.executionId());
        runner.end(run.executionId(), "STOPPED");
        service.restart(run.executionId());

        assertThat(runsStarted).containsExactly(job.getId(), job.getId());
    }

    @Test
    void anInterruptedExecutionCannotBeStoppedButCanBeRestarted() throws Exception {
        IngestionJob job = fileDropJob("visits");
        JobRun run = service.start(job.getId());
        runner.interrupted.add(run.executionId());

        assertThatThrownBy(() -> service.stop(run.executionId()))
                .isInstanceOf(JobStateException.class)
                .hasMessageStartingWith("execution " + run.executionId() + " was interrupted by a server stop");
        assertThat(service.execution(run.executionId()).interrupted()).isTrue();

        service.restart(run.executionId());
        assertThat(runner.interrupted).isEmpty();
    }

    @Test
    void aRunShowsItsRejectsFileOnlyWhenOneWasWritten() throws Exception {
        IngestionJob job = fileDropJob("visits");
        JobRun run = service.start(job.getId());
        assertThat(run.rejectsFile()).isNull();

        Path rejects = root.resolve("storage").resolve(RejectsFiles.relativePath(job.getId(), run.executionId()));
        Files.createDirectories(rejects.getParent());
        Files.writeString(rejects, "{}\n");

        assertThat(service.execution(run.executionId()).rejectsFile())
                .isEqualTo(RejectsFiles.relativePath(job.getId(), run.executionId()));
    }

    @Test
    void aDeletedJobLosesItsTimerWhatItsRunsStagedAndItsRejectsFilesButItsAssetStays() throws Exception {
        IngestionJob job = hourlyFileDropJob();
        JobRun failed = service.start(job.getId());
        runner.end(failed.executionId(), "FAILED");
        RunFiles files = stagedAndRejectsFilesOf(failed, job);
        Path staged = files.staged();
        Path rejects = files.rejects();

        service.delete(job.getId());
        endTransaction(Status.STATUS_COMMITTED);

        assertThat(unscheduled).containsExactly(job.getId());
        assertThat(catalog.jobRows).doesNotContainKey(job.getId());
        assertThat(catalog.stagedRows).isEmpty();
        assertThat(staged).doesNotExist();
        assertThat(root.resolve("storage/_runs/" + job.getId())).doesNotExist();
        assertThat(drops.resolve("processing"))
                .as("no run claimed a file: the folder is left as it is")
                .doesNotExist();
        assertThat(catalog.assetRows).containsKey(asset);
        assertThatThrownBy(() -> service.delete(job.getId())).isInstanceOf(UnknownIngestionJobException.class);
    }

    @Test
    void aJobIsNotDeletedWhileARunOfItIsGoingAndTheRefusalNamesTheRun() throws Exception {
        IngestionJob job = hourlyFileDropJob();
        JobRun running = service.start(job.getId());

        assertThatThrownBy(() -> service.delete(job.getId()))
                .isInstanceOf(JobStateException.class)
                .hasMessage("ingestion job visits is running (execution " + running.executionId()
                        + "); stop it or wait for it to end");
        assertThat(catalog.jobRows).containsKey(job.getId());
        assertThat(unscheduled).isEmpty();

        runner.interrupted.add(running.executionId());
        service.delete(job.getId());
        assertThat(catalog.jobRows).doesNotContainKey(job.getId());
    }

    @Test
    void aDeletedJobsStagedAndRejectsFilesGoOnlyOnceTheDeleteHasCommittedAndStayWhenItRollsBack() throws Exception {
        RunFiles files = aFailedRunsStagedAndRejectsFiles();
        IngestionJob job = files.job();
        JobRun failed = files.failed();
        Path staged = files.staged();
        Path rejects = files.rejects();

        service.delete(job.getId());

        assertThat(staged).as("before the commit").exists();
        assertThat(rejects).as("before the commit").exists();
        endTransaction(Status.STATUS_ROLLEDBACK);
        assertThat(staged)
                .as("the delete rolled back: the failed run can still be restarted")
                .exists();
        assertThat(rejects)
                .as("the delete rolled back: the evidence of the bad records stays")
                .exists();

        catalog.stagedRows.add(staged("raw/visits/data/staged.webm", failed, job));
        catalog.jobRows.put(job.getId(), job); // what the rollback gave back
        service.delete(job.getId());
        endTransaction(Status.STATUS_COMMITTED);
        assertThat(staged).doesNotExist();
        assertThat(root.resolve("storage/_runs/" + job.getId())).doesNotExist();
    }

    @Test
    void aDeleteReportedCommittedThatLeftTheJobInTheCatalogKeepsItsStagedAndRejectsFiles() throws Exception {
        RunFiles files = aFailedRunsStagedAndRejectsFiles();
        IngestionJob job = files.job();
        JobRun failed = files.failed();

        service.delete(job.getId());
        // The answer to COMMIT was lost and PostgreSQL rolled back; Narayana still reports STATUS_COMMITTED.
        catalog.stagedRows.add(staged("raw/visits/data/staged.webm", failed, job));
        catalog.jobRows.put(job.getId(), job);
        endTransaction(Status.STATUS_COMMITTED);

        assertThat(files.staged()).as("the catalog still stages it").exists();
        assertThat(files.rejects()).as("the catalog still has the job").exists();
    }

    @Test
    void deletingAFileDropJobMovesWhatItsCommittedRunLeftClaimedToProcessedSoNoLaterJobReadsItAgain() throws Exception {
        IngestionJob job = fileDropJob("visits");
        JobRun failed = service.start(job.getId());
        runner.end(failed.executionId(), "FAILED");
        JobRun committed = service.start(job.getId());
        // Killed between its commit and the move of its files to processed/.
        catalog.runs.find(committed.executionId()).orElseThrow().committed(Instant.now());
        runner.interrupted.add(committed.executionId());
        Path committedClaim = claimed(committed, "a.csv");
        Path failedClaim = claimed(failed, "b.csv");

        service.delete(job.getId());
        endTransaction(Status.STATUS_COMMITTED);

        assertThat(committedClaim).doesNotExist();
        assertThat(Files.readString(drops.resolve("processed/a.csv"))).isEqualTo("id\n1\n");
        assertThat(drops.resolve("a.csv")).doesNotExist();
        assertThat(failedClaim)
                .as("a run that did not commit: the folder's next job gives its files back and reads them")
                .exists();
    }

    @Test
    void aFileDropJobWhoseCommittedRunsFilesCannotBeMovedToProcessedIsNotDeleted() throws Exception {
        IngestionJob job = fileDropJob("visits");
        JobRun committed = service.start(job.getId());
        catalog.runs.find(committed.executionId()).orElseThrow().committed(Instant.now());
        runner.end(committed.executionId(), "FAILED");
        Path claim = claimed(committed, "a.csv");
        Files.writeString(drops.resolve("processed"), "a file where the processed/ folder should be");

        assertThatThrownBy(() -> service.delete(job.getId()))
                .isInstanceOf(JobStateException.class)
                .hasMessageStartingWith("ingestion job visits is not deleted: ")
                .hasMessageContaining("processed")
                .hasMessageEndingWith("fix the cause (or move the files on by hand) and delete the job again");
        endTransaction(Status.STATUS_ROLLEDBACK);

        assertThat(claim).exists();
        assertThat(catalog.jobRows).containsKey(job.getId());
        assertThat(unscheduled).isEmpty();
    }

    /** A file the run claimed into its claim folder and left there. */
    private Path claimed(JobRun run, String name) throws Exception {
        Path folder = Files.createDirectories(drops.resolve("processing/run-" + run.jobInstanceId()));
        return Files.writeString(folder.resolve("0123456789abcdef_" + name), "id\n1\n");
    }

    /** A staged segment file of {@code failed} (with its catalog row) and its rejects file. */
    /** An hourly file drop job whose run failed (committed), with a staged segment and a rejects file. */
    private RunFiles aFailedRunsStagedAndRejectsFiles() throws Exception {
        IngestionJob job = hourlyFileDropJob();
        JobRun failed = service.start(job.getId());
        runner.end(failed.executionId(), "FAILED");
        endTransaction(Status.STATUS_COMMITTED);
        return stagedAndRejectsFilesOf(failed, job);
    }

    private RunFiles stagedAndRejectsFilesOf(JobRun failed, IngestionJob job) throws IOException {
        Path staged = Files.writeString(
                Files.createDirectories(root.resolve("storage/raw/visits/data")).resolve("staged.webm"), "x");
        catalog.stagedRows.add(staged("raw/visits/data/staged.webm", failed, job));
        Path rejects = root.resolve("storage").resolve(RejectsFiles.relativePath(job.getId(), failed.executionId()));
        Files.createDirectories(rejects.getParent());
        Files.writeString(rejects, "{}\n");
        return new RunFiles(job, failed, staged, rejects);
    }

    private record RunFiles(IngestionJob job, JobRun failed, Path staged, Path rejects) {}
}
