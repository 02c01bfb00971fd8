package coop.cpc.lakehouse.application.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.adapter.health.ColumnKinds;
import coop.cpc.lakehouse.adapter.health.ColumnMapping;
import coop.cpc.lakehouse.adapter.health.ExtractTable;
import coop.cpc.lakehouse.adapter.health.ExtractVerifier;
import coop.cpc.lakehouse.adapter.health.Pseudonyms;
import coop.cpc.lakehouse.adapter.health.ResearchExtract;
import coop.cpc.lakehouse.adapter.health.ResearchExtractBuilder;
import coop.cpc.lakehouse.adapter.health.SourceTable;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.security.RowAccessPolicy;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The health adapter: vital signs and patients in, research extracts out. An extract is built in
 * memory (at most {@value #MAX_EXTRACT_SOURCE_ROWS} source rows), checked by the independent verifier,
 * and only then written: the extract in namespace {@code research} (RESTRICTED: researchers read it),
 * the pseudonym mapping in {@code research_keys} (PHI: only admins read it), a lineage edge per source.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthAdapterService {
    public static final int MAX_IMPORT_ROWS = 10_000;
    public static final int MAX_K = 1000;
    public static final long MAX_EXTRACT_SOURCE_ROWS = 2_000_000;
    public static final String KEYS_NAMESPACE = "research_keys";
    private static final Pattern EXTRACT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,51}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @EJB
    TableService writer;

    @EJB
    AssetService assets;

    @EJB
    DerivedAssets derived;

    @Inject
    AssetRows reader;

    @Audited(action = AuditAction.WRITE, resource = "health_vital_signs")
    public ImportResult importVitalSigns(List<VitalSign> signs)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        return AdapterImports.importInto(derived, writer, AdapterAssets.vitalSigns(), signs, s -> new String[] {
            s.id(), s.userId(), s.timestamp(), s.measurementType(), decimal(s.value()), s.unit(), s.source(), s.notes()
        });
    }

    @Audited(action = AuditAction.WRITE, resource = "health_patients")
    public ImportResult importPatients(List<Patient> patients)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        return AdapterImports.importInto(derived, writer, AdapterAssets.patients(), patients, p -> new String[] {
            p.userId(), p.givenName(), p.familyName(), p.birthDate(), p.zip(), p.sex(), p.phone(), p.email()
        });
    }

    @Audited(action = AuditAction.WRITE, resource = "research_extract")
    public ResearchExtractResult publishResearchExtract(ResearchExtractRequest request)
            throws InvalidInputException, UnknownAssetException, ExtractRefusedException, SchemaMismatchException,
                    CommitConflictException, AssetAlreadyExistsException {
        validate(request);
        List<DataAsset> sourceAssets = new ArrayList<>();
        List<SourceTable> schemas = new ArrayList<>();
        for (UUID id : request.sourceAssetIds()) {
            DataAsset asset = assets.get(id);
            sourceAssets.add(asset);
            schemas.add(new SourceTable(qualifiedName(asset), columns(asset), List.of()));
        }
        try {
            // The names are checked against the schemas before a row is read (a load reads up to 2,000,000).
            ResearchExtractBuilder.requireQuasiIdentifiers(schemas, request.quasiIdentifiers());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        List<SourceTable> sources = new ArrayList<>();
        long total = 0;
        for (int s = 0; s < sourceAssets.size(); s++) {
            SourceTable source = load(sourceAssets.get(s), schemas.get(s), MAX_EXTRACT_SOURCE_ROWS - total);
            total += source.rows().size();
            sources.add(source);
        }
        ResearchExtract extract;
        try {
            extract = new ResearchExtractBuilder(LocalDate.now(ZoneOffset.UTC), new Pseudonyms())
                    .build(sources, request.quasiIdentifiers(), request.k());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (extract.table().rows().isEmpty()) {
            throw new ExtractRefusedException(
                    "k = " + request.k() + " cannot be reached: no quasi-identifier class holds " + request.k()
                            + " subjects even fully generalized, so every row would be suppressed; nothing was published");
        }
        List<String> failures = ExtractVerifier.verify(
                extract.table(),
                ExtractVerifier.identifiersOf(sources),
                ExtractVerifier.declaredQuasiIdentifiersOf(sources),
                request.k());
        if (!failures.isEmpty()) {
            throw new ExtractRefusedException(
                    "the extract failed its independent check and was not published: " + String.join("; ", failures));
        }
        DataAsset target = derived.create(extractAsset(request, extract.table()));
        DataAsset keys = null;
        boolean published = false;
        try {
            writer.append(
                    target.getId(),
                    AdapterAssets.storageColumns(target),
                    extract.table().rows(),
                    null,
                    null);
            keys = derived.create(keysAsset(request.name()));
            List<Object[]> mapping = new ArrayList<>();
            for (Map.Entry<String, String> e : extract.pseudonyms().entrySet()) {
                mapping.add(new Object[] {e.getKey(), e.getValue()});
            }
            writer.append(keys.getId(), AdapterAssets.storageColumns(keys), mapping, null, null);
            String parameters = parameters(request, extract, keys.getId());
            String columns = mappings(extract.mappings());
            for (UUID source : request.sourceAssetIds()) {
                derived.addLineage(source, target.getId(), Transformation.ANONYMIZE_RESEARCH, parameters, columns);
            }
            published = true;
        } finally {
            if (!published) {
                // Half an extract (rows without their keys or lineage) is not left behind.
                derived.deleteQuietly(target);
                derived.deleteQuietly(keys);
            }
        }
        return new ResearchExtractResult(
                request.sourceAssetIds(),
                target.getId(),
                keys.getId(),
                extract.table().rows().size(),
                extract.table().quasiIdentifiers(),
                extract.report(),
                extract.mappings());
    }

    private void validate(ResearchExtractRequest request) throws InvalidInputException, AssetAlreadyExistsException {
        if (request.name() == null || !EXTRACT_NAME.matcher(request.name()).matches()) {
            throw new InvalidInputException(
                    "name must match [a-z][a-z0-9_]{0,51} (the pseudonym table adds _pseudonyms)");
        }
        if (request.k() < 2 || request.k() > MAX_K) {
            throw new InvalidInputException("k must be from 2 to " + MAX_K + ", not " + request.k());
        }
        List<UUID> ids = request.sourceAssetIds();
        if (ids == null
                || ids.isEmpty()
                || ids.size() > 2
                || ids.stream().anyMatch(java.util.Objects::isNull)
                || new HashSet<>(ids).size() != ids.size()) {
            throw new InvalidInputException("sourceAssetIds must name one or two different assets");
        }
        if (request.quasiIdentifiers() != null
                && (request.quasiIdentifiers().size() > 8
                        || request.quasiIdentifiers().stream().anyMatch(java.util.Objects::isNull))) {
            throw new InvalidInputException("quasiIdentifiers: at most 8 column names, none null");
        }
        requireFree(RowAccessPolicy.RESEARCH_NAMESPACE, request.name());
        requireFree(KEYS_NAMESPACE, keysName(request.name()));
    }

    /** Nothing existing is replaced: checked before anything is read or written. */
    private void requireFree(String namespace, String name) throws InvalidInputException, AssetAlreadyExistsException {
        try {
            assets.get(namespace, name);
        } catch (UnknownAssetException e) {
            return;
        }
        throw new AssetAlreadyExistsException(namespace, name, "(choose another name; nothing was written)");
    }

    private static String keysName(String extractName) {
        return extractName + "_pseudonyms";
    }

    private static String qualifiedName(DataAsset asset) {
        return asset.getNamespace() + "." + asset.getName();
    }

    /** The asset's columns as the extract builder sees them, from its schema. */
    private static List<SourceTable.SourceColumn> columns(DataAsset asset) {
        List<SourceTable.SourceColumn> columns = new ArrayList<>();
        for (ColumnSpec spec : AssetSchema.fromJson(asset.getSchema()).columns()) {
            columns.add(new SourceTable.SourceColumn(
                    spec.name(),
                    spec.type().name(),
                    ColumnKinds.Pii.valueOf(spec.pii().name())));
        }
        return columns;
    }

    /** The rows of the asset whose columns {@code schema} holds, at most {@code budget}. */
    private SourceTable load(DataAsset asset, SourceTable schema, long budget)
            throws InvalidInputException, UnknownAssetException {
        List<Object[]> rows = new ArrayList<>();
        if (!reader.scanAtMost(
                asset,
                schema.columns().stream().map(SourceTable.SourceColumn::name).toList(),
                List.of(),
                budget,
                rows::add)) {
            throw new InvalidInputException("the sources hold more than " + MAX_EXTRACT_SOURCE_ROWS
                    + " rows together, the most one research extract reads (at " + schema.name() + ")");
        }
        return new SourceTable(schema.name(), schema.columns(), rows);
    }

    private static NewAsset extractAsset(ResearchExtractRequest request, ExtractTable table)
            throws InvalidInputException {
        List<ColumnSpec> columns = new ArrayList<>();
        for (ExtractTable.Column c : table.columns()) {
            boolean quasi =
                    table.quasiIdentifiers().contains(c.name()) || c.name().equals(table.subjectColumn());
            columns.add(new ColumnSpec(
                    c.name(),
                    ColumnType.parse(c.name(), c.type()),
                    true,
                    false,
                    quasi ? PiiCategory.QUASI_IDENTIFIER : PiiCategory.NONE));
        }
        return new NewAsset(
                RowAccessPolicy.RESEARCH_NAMESPACE,
                request.name(),
                "De-identified research extract (HIPAA Safe Harbor, k = " + request.k() + ")",
                AssetType.STRUCTURED,
                Classification.RESTRICTED,
                columns,
                List.of("research", "de_identified"));
    }

    private static NewAsset keysAsset(String name) throws InvalidInputException {
        return new NewAsset(
                KEYS_NAMESPACE,
                keysName(name),
                "Subject keys of research." + name + " and their pseudonyms",
                AssetType.STRUCTURED,
                Classification.PHI,
                List.of(
                        AdapterAssets.col("subject_key", "string", false, true, PiiCategory.DIRECT_IDENTIFIER),
                        AdapterAssets.col("pseudonym", "string", false, false, PiiCategory.DIRECT_IDENTIFIER)),
                List.of("research", "pseudonym_key"));
    }

    private static String parameters(ResearchExtractRequest request, ResearchExtract extract, UUID keys) {
        ObjectNode p = JSON.createObjectNode();
        p.put("method", "HIPAA Safe Harbor + k-anonymity");
        p.put("k", request.k());
        p.put("kReached", extract.report().kReached());
        p.set("quasiIdentifiers", JSON.valueToTree(extract.table().quasiIdentifiers()));
        p.set("generalizationLevels", JSON.valueToTree(extract.report().levels()));
        p.put("rowsSuppressed", extract.report().rowsSuppressed());
        p.put("informationLoss", extract.report().informationLoss());
        p.put("pseudonymAssetId", keys.toString());
        return p.toString();
    }

    private static String mappings(List<ColumnMapping> mappings) {
        ArrayNode array = JSON.createArrayNode();
        for (ColumnMapping m : mappings) {
            ObjectNode node = array.addObject();
            node.put("column", m.output());
            node.put("sourceField", String.join(", ", m.inputs()));
            node.put("derivation", m.lineageKind());
            node.put("rule", m.rule());
            node.put("reason", m.reason());
        }
        return array.toString();
    }

    /** A double as the table's text form wants it: plain decimal notation. */
    static String decimal(Double value) {
        return value == null
                ? null
                : value.isNaN() || value.isInfinite()
                        ? value.toString()
                        : BigDecimal.valueOf(value).toPlainString();
    }
}
