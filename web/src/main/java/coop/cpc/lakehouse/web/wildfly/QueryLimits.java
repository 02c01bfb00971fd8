package coop.cpc.lakehouse.web.wildfly;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The depth limit. */
    static final class Depth extends MaxQueryDepthInstrumentation {
        Depth(int max) {
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
