package coop.cpc.lakehouse.web.graphql;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a sketch of fields as the guides write them in the prose, {@code jobExecutions(jobId, first) { batchStatus
 * steps { readCount } }} or {@code createCdcStream(input: { name, url })}: every field is one of its type's, every
 * name in parentheses one of the field's arguments, every name in braces inside them one of the argument's input
 * fields. The sketch starts at the query or mutation type, or else at the object types that have its first field
 * (the first that takes the whole sketch).
 */
final class GraphQlShapes {
    private static final Pattern TOKEN = Pattern.compile("\\w+|[(){}:,|+]");

    /**
     * Federation's query, which SmallRye adds to the schema on the server (README) but not to the schema built
     * in-process from the API classes.
     */
    private static final String FEDERATION_SERVICE = "_service { sdl }";

    private GraphQlShapes() {}

    /** What is wrong with the sketch; empty when every name is in the schema where it is used. */
    static List<String> problems(GraphQLSchema schema, String sketch) {
        if (sketch.trim().equals(FEDERATION_SERVICE)) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(sketch);
        while (token.find()) {
            tokens.add(token.group());
        }
        List<GraphQLFieldsContainer> roots = new ArrayList<>();
        roots.add(schema.getQueryType());
        roots.add(schema.getMutationType());
        schema.getAllTypesAsList().stream()
                .filter(GraphQLFieldsContainer.class::isInstance)
                .map(GraphQLFieldsContainer.class::cast)
                .sorted(Comparator.comparing(GraphQLNamedType::getName))
                .forEach(roots::add);
        List<String> first = null;
        for (GraphQLFieldsContainer root : roots) {
            if (root == null || root.getFieldDefinition(tokens.get(0)) == null) {
                continue;
            }
            List<String> problems = walk(root, tokens);
            if (problems.isEmpty()) {
                return problems;
            }
            first = first == null ? problems : first;
        }
        return first != null ? first : List.of("no type of the schema has a field " + tokens.get(0));
    }

    private static List<String> walk(GraphQLFieldsContainer root, List<String> tokens) {
        List<String> problems = new ArrayList<>();
        Deque<GraphQLFieldsContainer> types = new ArrayDeque<>();
        types.push(root);
        GraphQLFieldDefinition last = null;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("(")) {
                if (last == null) {
                    problems.add("arguments without a field");
                    return problems;
                }
                i = arguments(last, tokens, i + 1, problems);
            } else if (t.equals("{")) {
                GraphQLType type = last == null ? null : GraphQLTypeUtil.unwrapAll(last.getType());
                if (!(type instanceof GraphQLFieldsContainer container)) {
                    problems.add("fields in braces after " + (last == null ? "nothing" : last.getName())
                            + ", which has none");
                    return problems;
                }
                types.push(container);
                last = null;
            } else if (t.equals("}")) {
                if (types.size() > 1) {
                    types.pop();
                }
                last = null;
            } else if (Character.isLetterOrDigit(t.charAt(0)) || t.charAt(0) == '_') {
                last = types.peek().getFieldDefinition(t);
                if (last == null && !t.equals("__typename")) {
                    problems.add(types.peek().getName() + " has no field " + t);
                }
            }
        }
        return problems;
    }

    /** Checks the argument names up to the closing parenthesis; returns its index. */
    private static int arguments(GraphQLFieldDefinition field, List<String> tokens, int from, List<String> problems) {
        int depth = 0;
        GraphQLArgument argument = null;
        String previous = "(";
        for (int i = from; i < tokens.size(); i++) {
            String t = tokens.get(i);
            switch (t) {
                case ")" -> {
                    if (depth == 0) {
                        return i;
                    }
                }
                case "{" -> depth++;
                case "}" -> depth--;
                default -> {
                    boolean named = !t.equals(":") && !previous.equals(":") && t.matches("\\w+");
                    if (named && depth == 0) {
                        argument = field.getArgument(t);
                        if (argument == null) {
                            problems.add(field.getName() + " has no argument " + t);
                        }
                    } else if (named && depth == 1 && argument != null) {
                        GraphQLType type = GraphQLTypeUtil.unwrapAll(argument.getType());
                        if (type instanceof GraphQLInputObjectType input && input.getField(t) == null) {
                            problems.add(input.getName() + " has no field " + t);
                        }
                    }
                }
            }
            previous = t;
        }
        problems.add("no closing parenthesis after the arguments of " + field.getName());
        return tokens.size();
    }
}
