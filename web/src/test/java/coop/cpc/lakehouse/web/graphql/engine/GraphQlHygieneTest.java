package coop.cpc.lakehouse.web.graphql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.scalar.number.IntegerScalar;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema SmallRye builds, hardened: Int arguments refuse values outside 32 bits; auditChain costs what it costs. */
class GraphQlHygieneTest {

    @Test
    void anIntArgumentOutside32BitsIsRefusedInsteadOfWrappingAround() {
        GraphQL strict = GraphQL.newGraphQL(schemaWithSmallRyesInt().build())
                .instrumentation(new GraphQlHygiene.StrictInt())
                .build();

        ExecutionResult wrapped = strict.execute("{ echo(first: 4294967297) }");
        assertThat(wrapped.getErrors()).hasSize(1);
        assertThat(wrapped.getErrors().get(0).getMessage())
                .isEqualTo("argument 'first' must be an Int from -2147483648 to 2147483647, not 4294967297");
        assertThat(wrapped.getErrors().get(0).getExtensions()).containsEntry("code", "invalid-input");
        ExecutionResult asVariable =
                strict.execute(graphql.ExecutionInput.newExecutionInput("query($n: Int!) { echo(first: $n) }")
                        .variables(Map.of("n", 4294967297L))
                        .build());
        assertThat(asVariable.getErrors()).hasSize(1);
        assertThat(strict.execute("{ echo(first: 12) }").<Map<String, Object>>getData())
                .containsEntry("echo", 12);
    }

    @Test
    void smallRyesOwnIntWrapsAroundWhichIsWhyItIsReplaced() {
        GraphQL lenient = GraphQL.newGraphQL(schemaWithSmallRyesInt().build()).build();
        assertThat(lenient.execute("{ echo(first: 4294967297) }").<Map<String, Object>>getData())
                .containsEntry("echo", 1);
    }

    @Test
    void auditChainCountsItsCostInTheComplexityLimit() {
        GraphQLObjectType query = GraphQLObjectType.newObject()
                .name("Query")
                .field(GraphQLFieldDefinition.newFieldDefinition()
                        .name("auditChain")
                        .type(graphql.Scalars.GraphQLBoolean))
                .field(GraphQLFieldDefinition.newFieldDefinition().name("ping").type(graphql.Scalars.GraphQLBoolean))
                .build();
        GraphQLSchema schema = GraphQLSchema.newSchema().query(query).build();
        GraphQL limited = GraphQL.newGraphQL(schema)
                .instrumentation(new MaxQueryComplexityInstrumentation(300, GraphQlHygiene.complexity()))
                .build();

        assertThat(limited.execute("{ a: auditChain b: auditChain c: auditChain }")
                        .getErrors())
                .isEmpty();
        assertThat(limited.execute("{ a: auditChain b: auditChain c: auditChain d: auditChain }")
                        .getErrors())
                .extracting(GraphQLError::getMessage)
                .singleElement()
                .asString()
                .contains("complexity");
        assertThat(limited.execute("{ " + "p: ping ".repeat(1).trim() + " }").getErrors())
                .isEmpty();
    }

    @Test
    void aQueryOverTheComplexityOrDepthLimitIsInvalidInputAndStillAuditedAsALimit() {
        GraphQLObjectType node = GraphQLObjectType.newObject()
                .name("Node")
                .field(GraphQLFieldDefinition.newFieldDefinition().name("id").type(graphql.Scalars.GraphQLID))
                .field(GraphQLFieldDefinition.newFieldDefinition()
                        .name("next")
                        .type(graphql.schema.GraphQLTypeReference.typeRef("Node")))
                .build();
        GraphQLObjectType query = GraphQLObjectType.newObject()
                .name("Query")
                .field(GraphQLFieldDefinition.newFieldDefinition().name("node").type(node))
                .build();
        GraphQLSchema schema = GraphQLSchema.newSchema().query(query).build();
        GraphQL limited = GraphQL.newGraphQL(schema)
                .instrumentation(new graphql.execution.instrumentation.ChainedInstrumentation(
                        new QueryLimits.Complexity(5, GraphQlHygiene.complexity()), new QueryLimits.Depth(3)))
                .build();

        ExecutionResult complex = limited.execute("{ a: node { id } b: node { id } c: node { id } }");
        ExecutionResult deep = limited.execute("{ node { next { next { id } } } }");

        GraphQLError tooComplex = complex.getErrors().get(0);
        assertThat(tooComplex.getMessage())
                .isEqualTo("the query's complexity is 6, over the limit of 5 (a field counts 1, auditChain 100): "
                        + "ask for fewer fields or aliases");
        assertThat(tooComplex.toSpecification().get("extensions"))
                .isEqualTo(Map.of("code", "invalid-input", "classification", "ValidationError"));
        GraphQLError tooDeep = deep.getErrors().get(0);
        assertThat(tooDeep.getMessage())
                .isEqualTo("the query's depth is 4, over the limit of 3: ask for fewer nested fields");
        assertThat(tooDeep.getExtensions()).containsEntry("code", "invalid-input");
        assertThat(RefusedQueryAudit.refusal(complex)).isEqualTo("limit-exceeded");
        assertThat(RefusedQueryAudit.refusal(deep)).isEqualTo("limit-exceeded");
    }

    @Test
    void engineValidationErrorsGetPlainWordsAndCodeInvalidInput() {
        GraphQL strict = GraphQL.newGraphQL(
                        schemaWith(graphql.Scalars.GraphQLInt).build())
                .instrumentation(new GraphQlHygiene.PlainErrors())
                .build();

        GraphQLError error =
                strict.execute("{ echo(first: \"x\") }").getErrors().get(0);

        assertThat(error.getMessage())
                .isEqualTo(
                        "Invalid request at echo: argument 'first' is not a valid Int - Expected an int value but it was a string value");
        assertThat(error.getExtensions()).containsEntry("code", "invalid-input");
    }

    private static GraphQLSchema.Builder schemaWithSmallRyesInt() {
        return schemaWith(new IntegerScalar().getScalarType());
    }

    private static GraphQLSchema.Builder schemaWith(graphql.schema.GraphQLScalarType smallRyeInt) {
        GraphQLObjectType query = GraphQLObjectType.newObject()
                .name("Query")
                .field(GraphQLFieldDefinition.newFieldDefinition()
                        .name("echo")
                        .type(smallRyeInt)
                        .argument(GraphQLArgument.newArgument().name("first").type(smallRyeInt)))
                .build();
        GraphQLCodeRegistry code = GraphQLCodeRegistry.newCodeRegistry()
                .dataFetcher(FieldCoordinates.coordinates("Query", "echo"), (graphql.schema.DataFetcher<Object>)
                        env -> env.getArgument("first"))
                .build();
        return GraphQLSchema.newSchema().query(query).codeRegistry(code);
    }
}
