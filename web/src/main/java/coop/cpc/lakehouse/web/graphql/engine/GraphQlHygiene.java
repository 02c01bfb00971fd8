package coop.cpc.lakehouse.web.graphql.engine;

import coop.cpc.lakehouse.web.graphql.ErrorMessages;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.FieldComplexityCalculator;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.IntValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
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
 * <li>{@code Int} arguments (also inside input objects and lists, literal or variable) outside 32 bits
 *     are refused with code {@code invalid-input} (SmallRye's own Int wraps {@code 4294967297} around to 1);</li>
 * <li>{@code auditChain} counts {@value #AUDIT_CHAIN_COMPLEXITY} in the complexity limit, what
 *     recomputing the whole chain costs, so a query cannot alias it many times;</li>
 * <li>the engine's own error messages (validation, coercion) reach clients in plain words with code
 *     {@code invalid-input}: no Java class names, no parser dumps;</li>
 * <li>so do its depth and complexity refusals ({@link QueryLimits}).</li>
 * </ul>
 * Enabled by {@code lakehouse.graphql.hygiene=true} (META-INF/microprofile-config.properties).
 */
public class GraphQlHygiene implements EventingService {
    static final int AUDIT_CHAIN_COMPLEXITY = 100;

    @Override
    public String getConfigKey() {
        return "lakehouse.graphql.hygiene";
    }

    /** SmallRye set its depth and complexity limits just before; they are set again, with auditChain's real cost. */
    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Config config = Config.get();
        List<Instrumentation> chain = new ArrayList<>();
        config.getQueryComplexityInstrumentation()
                .ifPresent(max -> chain.add(new QueryLimits.Complexity(max, complexity())));
        config.getQueryDepthInstrumentation().ifPresent(max -> chain.add(new QueryLimits.Depth(max)));
        chain.add(new StrictInt());
        chain.add(new PlainErrors());
        return builder.instrumentation(new ChainedInstrumentation(chain));
    }

    static FieldComplexityCalculator complexity() {
        return (environment, childComplexity) ->
                "auditChain".equals(environment.getFieldDefinition().getName())
                        ? AUDIT_CHAIN_COMPLEXITY
                        : 1 + childComplexity;
    }

    /**
     * Refuses an Int argument outside 32 bits before the field's fetcher runs. SmallRye's Int scalar
     * cannot be swapped for graphql-java's strict one (the schema then holds two types named Int), so
     * the check looks at what the client sent: the literal or the variable's value, typed by the schema.
     */
    static final class StrictInt extends SimplePerformantInstrumentation {
        @Override
        public DataFetcher<?> instrumentDataFetcher(
                DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
            if (parameters.getExecutionStepInfo().getField().getArguments().isEmpty()) {
                // Nothing to check: the rows of a page (each Row's values) fetch as they came.
                return fetcher;
            }
            return environment -> {
                for (Argument argument : environment.getField().getArguments()) {
                    GraphQLArgument definition =
                            environment.getFieldDefinition().getArgument(argument.getName());
                    if (definition == null) {
                        continue;
                    }
                    String problem = outOfRange(argument.getValue(), definition.getType(), environment.getVariables());
                    if (problem != null) {
                        return DataFetcherResult.newResult()
                                .error(GraphqlErrorBuilder.newError(environment)
                                        .message("%s", "argument '" + argument.getName() + "'" + problem)
                                        .errorType(ErrorType.ValidationError)
                                        .extensions(
                                                Map.of("code", "invalid-input", "classification", "ValidationError"))
                                        .build())
                                .build();
                    }
                }
                return fetcher.get(environment);
            };
        }

        /** @return null when every Int in the value fits 32 bits, else what is wrong */
        static String outOfRange(Value<?> value, GraphQLInputType type, Map<String, Object> variables) {
            GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
            if (value instanceof VariableReference reference) {
                return outOfRange(variables.get(reference.getName()), unwrapped);
            }
            if (unwrapped instanceof GraphQLScalarType scalar
                    && scalar.getName().equals("Int")
                    && value instanceof IntValue number) {
                return fits(number.getValue())
                        ? null
                        : " must be an Int from -2147483648 to 2147483647, not " + number.getValue();
            }
            if (unwrapped instanceof GraphQLList list && value instanceof ArrayValue array) {
                for (Value<?> element : array.getValues()) {
                    String problem = outOfRange(element, (GraphQLInputType) list.getWrappedType(), variables);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            if (unwrapped instanceof GraphQLInputObjectType object && value instanceof ObjectValue fields) {
                for (ObjectField field : fields.getObjectFields()) {
                    GraphQLInputObjectField definition = object.getField(field.getName());
                    String problem =
                            definition == null ? null : outOfRange(field.getValue(), definition.getType(), variables);
                    if (problem != null) {
                        return "." + field.getName() + problem;
                    }
                }
            }
            return null;
        }

        /** The same check on a variable's value as the request sent it (numbers, maps, lists). */
        static String outOfRange(Object value, GraphQLType type) {
            GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
            if (unwrapped instanceof GraphQLScalarType scalar
                    && scalar.getName().equals("Int")
                    && value instanceof Number number) {
                java.math.BigDecimal exact = new java.math.BigDecimal(number.toString());
                boolean fits =
                        exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0 && fits(exact.toBigInteger());
                return fits ? null : " must be an Int from -2147483648 to 2147483647, not " + number;
            }
            if (unwrapped instanceof GraphQLList list && value instanceof Iterable<?> elements) {
                for (Object element : elements) {
                    String problem = outOfRange(element, list.getWrappedType());
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            if (unwrapped instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
                for (Map.Entry<?, ?> field : fields.entrySet()) {
                    GraphQLInputObjectField definition = object.getField(String.valueOf(field.getKey()));
                    String problem = definition == null ? null : outOfRange(field.getValue(), definition.getType());
                    if (problem != null) {
                        return "." + field.getKey() + problem;
                    }
                }
            }
            return null;
        }

        private static boolean fits(java.math.BigInteger value) {
            return value.bitLength() < 32;
        }
    }

    /** Rewrites the engine's validation and syntax errors; errors the lakehouse raised pass unchanged. */
    static final class PlainErrors extends SimplePerformantInstrumentation {
        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(
                ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
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
            boolean engines = error instanceof ValidationError
                    || type == ErrorType.ValidationError
                    || type == ErrorType.InvalidSyntax;
            String message = ErrorMessages.plain(error.getMessage());
            if (!engines && message.equals(error.getMessage())) {
                return error;
            }
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", engines ? "invalid-input" : codeOf(error));
            extensions.put("classification", type == null ? "ValidationError" : type.toString());
            return GraphqlErrorBuilder.newError()
                    .message("%s", message)
                    .locations(error.getLocations())
                    .path(error.getPath())
                    .errorType(type == null ? ErrorType.ValidationError : type)
                    .extensions(extensions)
                    .build();
        }

        private static Object codeOf(GraphQLError error) {
            Object code =
                    error.getExtensions() == null ? null : error.getExtensions().get("code");
            return code == null ? "invalid-input" : code;
        }
    }
}
