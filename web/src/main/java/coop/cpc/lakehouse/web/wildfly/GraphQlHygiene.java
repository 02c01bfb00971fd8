package coop.cpc.lakehouse.web.wildfly;

import coop.cpc.lakehouse.web.graphql.ErrorMessages;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.Scalars;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import io.smallrye.graphql.spi.EventingService;
import io.smallrye.graphql.spi.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hardens SmallRye GraphQL where its configuration cannot:
 * <ul>
 * <li>{@code Int} arguments use graphql-java's strict Int, which refuses values outside 32 bits
 *     (SmallRye's own Int wraps {@code 4294967297} around to 1);</li>
 * <li>{@code auditChain} counts {@value #AUDIT_CHAIN_COMPLEXITY} in the complexity limit, what
 *     recomputing the whole chain costs, so a query cannot alias it many times;</li>
 * <li>the engine's own error messages (validation, coercion) reach clients in plain words with code
 *     {@code invalid-input}: no Java class names, no parser dumps.</li>
 * </ul>
 * Enabled by {@code lakehouse.graphql.hygiene=true} (META-INF/microprofile-config.properties).
 */
public class GraphQlHygiene implements EventingService {
    static final int AUDIT_CHAIN_COMPLEXITY = 100;

    @Override
    public String getConfigKey() {
        return "lakehouse.graphql.hygiene";
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema strict = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node, TraverserContext<GraphQLSchemaElement> context) {
                if (node.getName().equals(Scalars.GraphQLInt.getName()) && node != Scalars.GraphQLInt) {
                    return changeNode(context, Scalars.GraphQLInt);
                }
                return TraversalControl.CONTINUE;
            }
        });
        return GraphQLSchema.newSchema(strict);
    }

    /** SmallRye set its depth and complexity limits just before; they are set again, with auditChain's real cost. */
    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Config config = Config.get();
        List<Instrumentation> chain = new ArrayList<>();
        config.getQueryComplexityInstrumentation().ifPresent(max -> chain.add(new MaxQueryComplexityInstrumentation(max, complexity())));
        config.getQueryDepthInstrumentation().ifPresent(max -> chain.add(new MaxQueryDepthInstrumentation(max)));
        chain.add(new PlainErrors());
        return builder.instrumentation(new ChainedInstrumentation(chain));
    }

    static FieldComplexityCalculator complexity() {
        return (environment, childComplexity) -> "auditChain".equals(environment.getFieldDefinition().getName())
                ? AUDIT_CHAIN_COMPLEXITY : 1 + childComplexity;
    }

    /** Rewrites the engine's validation and syntax errors; errors the lakehouse raised pass unchanged. */
    static final class PlainErrors extends SimplePerformantInstrumentation {
        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (result.getErrors().isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> errors = new ArrayList<>();
            boolean changed = false;
            for (GraphQLError error : result.getErrors()) {
                GraphQLError plain = plain(error);
                changed |= plain != error;
                errors.add(plain);
            }
            return CompletableFuture.completedFuture(changed ? result.transform(b -> b.errors(errors)) : result);
        }

        static GraphQLError plain(GraphQLError error) {
            ErrorClassification type = error.getErrorType();
            boolean engines = error instanceof ValidationError || type == ErrorType.ValidationError
                    || type == ErrorType.InvalidSyntax;
            String message = ErrorMessages.plain(error.getMessage());
            if (!engines && message.equals(error.getMessage())) {
                return error;
            }
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", engines ? "invalid-input" : codeOf(error));
            extensions.put("classification", type == null ? "ValidationError" : type.toString());
            return GraphqlErrorBuilder.newError().message("%s", message).locations(error.getLocations())
                    .path(error.getPath()).errorType(type == null ? ErrorType.ValidationError : type)
                    .extensions(extensions).build();
        }

        private static Object codeOf(GraphQLError error) {
            Object code = error.getExtensions() == null ? null : error.getExtensions().get("code");
            return code == null ? "invalid-input" : code;
        }
    }
}
