package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.adapter.health.KAnonymityReport;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.adapter.ExtractRefusedException;
import coop.cpc.lakehouse.application.adapter.HealthAdapterService;
import coop.cpc.lakehouse.application.adapter.Patient;
import coop.cpc.lakehouse.application.adapter.ResearchExtractRequest;
import coop.cpc.lakehouse.application.adapter.ResearchExtractResult;
import coop.cpc.lakehouse.application.adapter.VitalSign;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.web.graphql.dto.CommitOutcome;
import coop.cpc.lakehouse.web.graphql.dto.PatientInput;
import coop.cpc.lakehouse.web.graphql.dto.ResearchExtractInput;
import coop.cpc.lakehouse.web.graphql.dto.ResearchExtractReport;
import coop.cpc.lakehouse.web.graphql.dto.VitalSignInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** The health adapter: vital signs and patients in, de-identified research extracts out. */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class HealthApi {
    static final int DEFAULT_K = 5;

    @Inject
    HealthAdapterService health;

    @Mutation("importVitalSigns")
    @Description("Appends up to 10,000 vital signs to health.vital_signs (created on first use, PHI) as one snapshot.")
    public @NonNull CommitOutcome importVitalSigns(@Name("rows") @NonNull List<VitalSignInput> rows)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        List<VitalSign> signs = new ArrayList<>();
        for (VitalSignInput r : rows) {
            signs.add(
                    r == null
                            ? null
                            : new VitalSign(
                                    r.id(),
                                    r.userId(),
                                    r.timestamp(),
                                    r.measurementType(),
                                    r.value(),
                                    r.unit(),
                                    r.source(),
                                    r.notes()));
        }
        return outcome(health.importVitalSigns(signs).commit());
    }

    @Mutation("importPatients")
    @Description("Appends up to 10,000 patients to health.patients (created on first use, PHI) as one snapshot.")
    public @NonNull CommitOutcome importPatients(@Name("rows") @NonNull List<PatientInput> rows)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        List<Patient> patients = new ArrayList<>();
        for (PatientInput r : rows) {
            patients.add(
                    r == null
                            ? null
                            : new Patient(
                                    r.userId(),
                                    r.givenName(),
                                    r.familyName(),
                                    r.birthDate(),
                                    r.zip(),
                                    r.sex(),
                                    r.phone(),
                                    r.email()));
        }
        return outcome(health.importPatients(patients).commit());
    }

    @Mutation("publishResearchExtract")
    @Description(
            "Writes a de-identified extract (HIPAA Safe Harbor, random pseudonyms, k-anonymity) into namespace research"
                    + " after an independent check; refused (extract-refused) when the check fails. See docs/adapters.md.")
    public @NonNull ResearchExtractReport publishResearchExtract(@Name("input") @NonNull ResearchExtractInput input)
            throws InvalidInputException, UnknownAssetException, ExtractRefusedException, SchemaMismatchException,
                    CommitConflictException, AssetAlreadyExistsException {
        List<UUID> ids = new ArrayList<>();
        for (String id : input.sourceAssetIds()) {
            ids.add(Ids.parse("sourceAssetIds", id));
        }
        ResearchExtractResult result = health.publishResearchExtract(new ResearchExtractRequest(
                input.name(),
                ids,
                input.quasiIdentifiers() == null ? List.of() : input.quasiIdentifiers(),
                input.k() == null ? DEFAULT_K : input.k()));
        KAnonymityReport report = result.report();
        List<ResearchExtractReport.QuasiIdentifierLevel> levels = new ArrayList<>();
        for (int q = 0; q < result.quasiIdentifiers().size(); q++) {
            levels.add(new ResearchExtractReport.QuasiIdentifierLevel(
                    result.quasiIdentifiers().get(q), report.levels().get(q)));
        }
        return new ResearchExtractReport(
                result.assetId().toString(),
                result.pseudonymAssetId().toString(),
                result.rows(),
                report.k(),
                report.kReached(),
                report.rowsSuppressed(),
                report.informationLoss(),
                report.classes(),
                levels,
                result.columns().stream()
                        .map(m -> new ResearchExtractReport.ExtractColumnMapping(
                                m.output(), m.inputs(), m.rule(), m.reason()))
                        .toList());
    }

    static CommitOutcome outcome(CommitResult result) {
        return new CommitOutcome(
                result.snapshotId().toString(), result.sequenceNumber(), result.rowsAdded(), result.assetRowCount());
    }
}
