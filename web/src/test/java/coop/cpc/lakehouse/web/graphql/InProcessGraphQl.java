package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.config.LakehouseSettings;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.bootstrap.Bootstrap;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.schema.SchemaBuilder;
import io.smallrye.graphql.schema.model.Schema;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

/**
 * The GraphQL API of the web module without a server: SmallRye GraphQL builds the schema from the
 * compiled API classes (a Jandex index of this package) exactly as on WildFly, and executes requests
 * against API objects wired to {@link FakeServices} and a {@link CallerGate} for the caller's roles.
 * What is not here is the HTTP layer (request filter, token check), which the ITs cover.
 */
final class InProcessGraphQl {
    private static ExecutionService engine;
    private static Schema model;
    private static GraphQLSchema graphQlSchema;
    private static volatile Request current;

    private InProcessGraphQl() {}

    /** The API objects and caller of the request being executed. */
    record Request(FakeServices services, CallerGate gate, Map<Class<?>, Object> apis) {
        <T> T api(Class<T> type) {
            Object api = apis.get(type);
            if (api == null) {
                throw new IllegalStateException(
                        "no fake wiring for " + type.getName() + ": add it to InProcessGraphQl.apis");
            }
            return type.cast(api);
        }
    }

    static Request currentRequest() {
        Request request = current;
        if (request == null) {
            throw new IllegalStateException("no GraphQL request is being executed");
        }
        return request;
    }

    static Request currentRequestOrNull() {
        return current;
    }

    /**
     * Executes one request as a caller with these roles and purpose against these services.
     *
     * @param variablesJson a JSON object, or null for none
     * @return the response document as SmallRye writes it
     */
    static synchronized String execute(
            String query, String variablesJson, Set<String> roles, AuditPurpose purpose, FakeServices services) {
        ExecutionService service = engine();
        JsonObjectBuilder request = Json.createObjectBuilder().add("query", query);
        if (variablesJson != null) {
            request.add(
                    "variables",
                    Json.createReader(new StringReader(variablesJson)).readObject());
        }
        CallerGate gate = new CallerGate(roles, purpose);
        current = new Request(services, gate, apis(services, gate));
        try {
            AtomicReference<String> response = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            service.executeSync(request.build(), new ExecutionResponseWriter() {
                @Override
                public void write(ExecutionResponse written) {
                    response.set(written.getExecutionResultAsString());
                }

                @Override
                public void fail(Throwable t) {
                    failure.set(t);
                }
            });
            if (failure.get() != null) {
                throw new IllegalStateException("SmallRye failed the request", failure.get());
            }
            return response.get();
        } finally {
            current = null;
        }
    }

    /** Fresh API objects per request (some of what they use is request-scoped on the server). */
    private static Map<Class<?>, Object> apis(FakeServices services, CallerGate gate) {
        AssetApi assetApi = new AssetApi();
        assetApi.assets = services.assetService;
        ResponseBudget budget = new ResponseBudget();
        budget.settings = LakehouseSettings.from(name -> Optional.empty());
        budget.start();
        TableApi tableApi = new TableApi();
        tableApi.tables = services.tableService;
        tableApi.assets = services.assetService;
        tableApi.gate = gate;
        tableApi.budget = budget;
        LineageApi lineageApi = new LineageApi();
        lineageApi.lineage = services.lineageService;
        lineageApi.budget = budget;
        IngestionJobApi jobApi = new IngestionJobApi();
        jobApi.jobs = services.jobService;
        jobApi.gate = gate;
        AuditLogApi auditLogApi = new AuditLogApi();
        auditLogApi.audit = services.auditService;
        AuditChainOnce chain = new AuditChainOnce();
        chain.audit = services.auditService;
        AuditApi auditApi = new AuditApi();
        auditApi.chain = chain;
        return Map.of(
                AssetApi.class,
                assetApi,
                TableApi.class,
                tableApi,
                LineageApi.class,
                lineageApi,
                IngestionJobApi.class,
                jobApi,
                AuditLogApi.class,
                auditLogApi,
                AuditApi.class,
                auditApi);
    }

    private static ExecutionService engine() {
        if (engine == null) {
            engine = new ExecutionService(schema(), smallRyeSchema());
        }
        return engine;
    }

    /** The executable schema the deployed API serves, built from the compiled API classes. */
    static synchronized GraphQLSchema schema() {
        if (graphQlSchema == null) {
            graphQlSchema = Bootstrap.bootstrap(smallRyeSchema());
        }
        return graphQlSchema;
    }

    private static synchronized Schema smallRyeSchema() {
        if (model == null) {
            model = SchemaBuilder.build(indexOfThisPackage());
        }
        return model;
    }

    /** The compiled classes of the API package (and its DTOs), as the deployment scanner sees them. */
    private static Index indexOfThisPackage() {
        Indexer indexer = new Indexer();
        try {
            Path classes = Path.of(AssetApi.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path apiPackage = classes.resolve(AssetApi.class.getPackageName().replace('.', '/'));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(apiPackage)) {
                files = walk.filter(p -> p.toString().endsWith(".class"))
                        .sorted()
                        .toList();
            }
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return indexer.complete();
    }
}
