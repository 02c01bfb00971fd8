package coop.cpc.lakehouse.web.graphql.engine;

import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * graphql-java's complexity and depth limits, refusing in plain words with code {@code invalid-input} and
 * classification {@code ValidationError} like every other refused request. The error stays of type
 * {@code ExecutionAborted} inside the server, so {@link RefusedQueryAudit} records it as {@code limit-exceeded}.
 */
final class QueryLimits {

    private QueryLimits() {}

    /** The complexity limit, with the field costs of {@link GraphQlHygiene#complexity()}. */
    static final class Complexity extends MaxQueryComplexityInstrumentation {
        Complexity(int max, FieldComplexityCalculator costs) {
            super(max, costs);
        }

        @Override
        protected AbortExecutionException mkAbortException(int complexity, int max) {
            return new Exceeded("the query's complexity is " + complexity + ", over the limit of " + max
                    + " (a field counts 1, auditChain " + GraphQlHygiene.AUDIT_CHAIN_COMPLEXITY
                    + "): ask for fewer fields or aliases");
        }
    }

    /**
     * The depth limit. An operation that selects only introspection fields ({@code __schema}, {@code __type},
     * {@code __typename}) may go as deep as {@value #INTROSPECTION_DEPTH}, the depth of GraphiQL's introspection
     * query, so that GraphiQL gets the schema; below {@code __schema} and {@code __type} only introspection types
     * can be selected, and the complexity and token limits still apply. Every other operation keeps the limit.
     */
    static final class Depth extends SimplePerformantInstrumentation {
        /**
         * The depth of graphql-js 16's {@code getIntrospectionQuery()} (what GraphiQL sends, measured):
         * {@code __schema.types.fields.args.type}, TypeRef's nine nested {@code ofType}, then {@code kind}.
         */
        static final int INTROSPECTION_DEPTH = 15;

        private static final Set<String> INTROSPECTION_FIELDS = Set.of("__schema", "__type", "__typename");

        private final Limit ordinary;
        private final Limit introspection;

        Depth(int max) {
            ordinary = new Limit(max);
            introspection = new Limit(Math.max(max, INTROSPECTION_DEPTH));
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            boolean onlyIntrospection = onlyIntrospection(
                    context.getOperationDefinition().getSelectionSet(), context.getFragmentsByName(), new HashSet<>());
            return (onlyIntrospection ? introspection : ordinary).beginExecuteOperation(parameters, state);
        }

        /** Whether every top-level field, also through fragments, is an introspection field. */
        static boolean onlyIntrospection(
                SelectionSet selections, Map<String, FragmentDefinition> fragments, Set<String> seen) {
            for (Selection<?> selection : selections.getSelections()) {
                boolean introspective;
                if (selection instanceof Field field) {
                    introspective = INTROSPECTION_FIELDS.contains(field.getName());
                } else if (selection instanceof InlineFragment inline) {
                    introspective = onlyIntrospection(inline.getSelectionSet(), fragments, seen);
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    // A fragment already seen was checked (or is being checked) where it first appeared.
                    introspective = fragment != null
                            && (!seen.add(spread.getName())
                                    || onlyIntrospection(fragment.getSelectionSet(), fragments, seen));
                } else {
                    introspective = false;
                }
                if (!introspective) {
                    return false;
                }
            }
            return true;
        }
    }

    /** graphql-java's depth limit, refusing in plain words. */
    private static final class Limit extends MaxQueryDepthInstrumentation {
        Limit(int max) {
            super(max);
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int max) {
            return new Exceeded(
                    "the query's depth is " + depth + ", over the limit of " + max + ": ask for fewer nested fields");
        }
    }

    /** A refusal for a limit: what the client sees carries the code and classification of bad input. */
    static final class Exceeded extends AbortExecutionException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }

        @Override
        public Map<String, Object> getExtensions() {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "invalid-input");
            extensions.put("classification", "ValidationError");
            return extensions;
        }
    }
}
