package coop.cpc.lakehouse.web.graphql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GraphiQL gets the schema under the server's limits (depth 10, complexity 300), while only an operation made of
 * introspection fields may go deeper, and no deeper than GraphiQL's own introspection query.
 */
class IntrospectionDepthTest {
    private static final GraphQLSchema SCHEMA = schema();

    @Test
    void graphiqlsIntrospectionQueryPassesTheServersLimits() throws IOException {
        ExecutionResult result = limited(new QueryLimits.Depth(10)).execute(graphiqlsIntrospectionQuery());

        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData()).containsKey("__schema");
    }

    @Test
    void theIntrospectionBoundIsTheDepthOfGraphiqlsQueryMeasured() throws IOException {
        String query = graphiqlsIntrospectionQuery();

        assertThat(limited(new MaxQueryDepthInstrumentation(QueryLimits.Depth.INTROSPECTION_DEPTH))
                        .execute(query)
                        .getErrors())
                .isEmpty();
        assertThat(limited(new MaxQueryDepthInstrumentation(QueryLimits.Depth.INTROSPECTION_DEPTH - 1))
                        .execute(query)
                        .getErrors())
                .isNotEmpty();
    }

    @Test
    void theSameDepthWithADataFieldBesideTheIntrospectionIsRefused() throws IOException {
        String query = graphiqlsIntrospectionQuery();
        String withData = query.replaceFirst("__schema \\{", "node { id } __schema {");
        String throughAFragment =
                query.replaceFirst("query IntrospectionQuery \\{", "query IntrospectionQuery { ...Data")
                        + " fragment Data on Query { node { next { id } } }";

        assertThat(message(limited(new QueryLimits.Depth(10)).execute(withData)))
                .isEqualTo("the query's depth is 15, over the limit of 10: ask for fewer nested fields");
        assertThat(message(limited(new QueryLimits.Depth(10)).execute(throughAFragment)))
                .isEqualTo("the query's depth is 15, over the limit of 10: ask for fewer nested fields");
    }

    @Test
    void anIntrospectionQueryDeeperThanGraphiqlsIsRefused() {
        String deeper = "{ __schema { types { fields { type { " + "ofType { ".repeat(11) + "name" + " }".repeat(11)
                + " } } } } }";

        assertThat(message(limited(new QueryLimits.Depth(10)).execute(deeper)))
                .isEqualTo("the query's depth is 16, over the limit of 15: ask for fewer nested fields");
    }

    @Test
    void anOrdinaryQueryKeepsTheLimit() {
        String eleven = "{ node { " + "next { ".repeat(9) + "id" + " }".repeat(9) + " } }";

        assertThat(message(limited(new QueryLimits.Depth(10)).execute(eleven)))
                .isEqualTo("the query's depth is 11, over the limit of 10: ask for fewer nested fields");
    }

    /** The server's chain: complexity 300 (auditChain's cost) and the given depth limit. */
    private static GraphQL limited(Instrumentation depth) {
        return GraphQL.newGraphQL(SCHEMA)
                .instrumentation(
                        new ChainedInstrumentation(new QueryLimits.Complexity(300, GraphQlHygiene.complexity()), depth))
                .build();
    }

    private static String message(ExecutionResult result) {
        assertThat(result.getErrors()).hasSize(1);
        GraphQLError error = result.getErrors().get(0);
        assertThat(error.getExtensions()).containsEntry("code", "invalid-input");
        return error.getMessage();
    }

    /**
     * The query GraphiQL sends for the schema, as the bundled GraphiQL (smallrye-graphql-ui-graphiql's
     * graphql-js) renders {@code getIntrospectionQuery()} with GraphiQL's options: descriptions, nothing else.
     */
    static String graphiqlsIntrospectionQuery() throws IOException {
        String bundle;
        try (InputStream in =
                IntrospectionDepthTest.class.getResourceAsStream("/META-INF/resources/graphql-ui/graphiql.min.js")) {
            assertThat(in).as("GraphiQL's bundle on the test class path").isNotNull();
            bundle = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int function = bundle.indexOf("function getIntrospectionQuery(");
        int start = bundle.indexOf("return `", function) + "return `".length();
        int end = bundle.indexOf("`;", start);
        assertThat(function).isNotNegative();
        return bundle.substring(start, end)
                .replace("${descriptions}", "description")
                .replaceAll("\\$\\{[^}]*\\}", "");
    }

    private static GraphQLSchema schema() {
        GraphQLObjectType node = GraphQLObjectType.newObject()
                .name("Node")
                .field(GraphQLFieldDefinition.newFieldDefinition().name("id").type(graphql.Scalars.GraphQLID))
                .field(GraphQLFieldDefinition.newFieldDefinition()
                        .name("next")
                        .type(GraphQLTypeReference.typeRef("Node")))
                .build();
        GraphQLObjectType query = GraphQLObjectType.newObject()
                .name("Query")
                .field(GraphQLFieldDefinition.newFieldDefinition().name("node").type(node))
                .build();
        return GraphQLSchema.newSchema().query(query).build();
    }
}
