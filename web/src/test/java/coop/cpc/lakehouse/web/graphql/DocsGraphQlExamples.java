package coop.cpc.lakehouse.web.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GraphQL examples of a markdown guide, where a reader copies them from:
 * <ul>
 * <li>a fenced {@code graphql} block: one or more operations, or, after
 *     {@code <!-- graphql-fields-of: SomeInput -->}, fields of that input type;</li>
 * <li>a shell string {@code '{"query":"…"}'} in any other fenced block (a curl or {@code gql} call; a shell
 *     variable spliced into it, {@code '$X'} or {@code '"$X"'}, stands for a value named X; its line breaks are
 *     joined as the guides' {@code gql} helper joins them);</li>
 * <li>an inline code span in the prose that is an operation ({@code `{ field … }`}, {@code `query {…}`},
 *     {@code `mutation {…}`}), or a sketch of fields ({@code `jobExecutions(jobId, first) { batchStatus }`}).</li>
 * </ul>
 * An HTML comment {@code <!-- not-validated: reason -->} on the line before a fenced block leaves the block out.
 */
final class DocsGraphQlExamples {
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_-]*).*$");
    private static final Pattern NOT_VALIDATED = Pattern.compile("^\\s*<!--\\s*not-validated:\\s*(\\S.*?)\\s*-->\\s*$");
    private static final Pattern FIELDS_OF = Pattern.compile("^\\s*<!--\\s*graphql-fields-of:\\s*(\\w+)\\s*-->\\s*$");
    private static final Pattern INLINE_OPERATION =
            Pattern.compile("`((?:\\{\\s+\\w|(?:query|mutation)\\s*[{(])[^`]*)`");
    /** An inline span that sketches fields: {@code `name(arg, arg) { field sub { field } }`}. */
    private static final Pattern INLINE_SHAPE =
            Pattern.compile("`((?!(?:query|mutation|subscription)\\b)\\w+[\\w\\s,|+:(){}]*\\{[\\w\\s,|+:(){}]*})`");
    /** As strict as the server's request check: a raw line break in a JSON string is refused there too. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Where an example is: file and line. */
    record Example(String source, Kind kind, String document, String inputType) {
        @Override
        public String toString() {
            return source;
        }
    }

    enum Kind {
        /** One or more executable definitions. */
        OPERATIONS,
        /** Object fields of the input type {@link Example#inputType()}. */
        INPUT_FIELDS,
        /**
         * A sketch of fields in the prose: field names, each with the names of the arguments it takes in
         * parentheses (values left out, alternatives as {@code a | b}) and its fields in braces.
         */
        SHAPE
    }

    private DocsGraphQlExamples() {}

    /** Every example of the file, in order; {@code name} is how the file is named in a failure. */
    static List<Example> of(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Example> examples = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        int proseStart = 1;
        int i = 0;
        while (i < lines.size()) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                if (lines.get(i).isBlank()) {
                    inlineOperations(prose.toString(), name, proseStart, examples);
                    prose.setLength(0);
                    proseStart = i + 2;
                } else {
                    prose.append(lines.get(i)).append('\n');
                }
                i++;
                continue;
            }
            inlineOperations(prose.toString(), name, proseStart, examples);
            prose.setLength(0);
            int open = i;
            String language = fence.group(1);
            StringBuilder body = new StringBuilder();
            i++;
            while (i < lines.size() && !lines.get(i).trim().startsWith("```")) {
                body.append(lines.get(i)).append('\n');
                i++;
            }
            i++;
            proseStart = i + 1;
            String marker = open > 0 ? lines.get(open - 1) : "";
            if (NOT_VALIDATED.matcher(marker).matches()) {
                continue;
            }
            String where = name + ":" + (open + 1);
            if (language.equals("graphql")) {
                Matcher fieldsOf = FIELDS_OF.matcher(marker);
                examples.add(
                        fieldsOf.matches()
                                ? new Example(where, Kind.INPUT_FIELDS, body.toString(), fieldsOf.group(1))
                                : new Example(where, Kind.OPERATIONS, body.toString(), null));
            } else {
                shellQueries(body.toString(), name, open + 2, examples);
            }
        }
        inlineOperations(prose.toString(), name, proseStart, examples);
        return examples;
    }

    private static void inlineOperations(String prose, String name, int firstLine, List<Example> examples) {
        Matcher span = INLINE_OPERATION.matcher(prose);
        while (span.find()) {
            int line = firstLine
                    + (int) prose.substring(0, span.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            examples.add(new Example(name + ":" + line, Kind.OPERATIONS, span.group(1), null));
        }
        Matcher shape = INLINE_SHAPE.matcher(prose);
        while (shape.find()) {
            int line = firstLine
                    + (int) prose.substring(0, shape.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            examples.add(new Example(name + ":" + line, Kind.SHAPE, shape.group(1), null));
        }
    }

    /** The {@code query} of each {@code '{"query":…}'} shell string of the block. */
    private static void shellQueries(String block, String name, int firstLine, List<Example> examples)
            throws IOException {
        int from = 0;
        while (true) {
            int start = block.indexOf("'{\"query\"", from);
            if (start < 0) {
                return;
            }
            int line = firstLine
                    + (int) block.substring(0, start)
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            StringBuilder json = new StringBuilder();
            int end = shellString(block, start, json);
            JsonNode request;
            try {
                // The guides' gql helper joins a multi-line example's lines (docs/adapters.md).
                request = JSON.readTree(json.toString().replace('\n', ' '));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        name + ":" + line + ": the request body is not JSON the server accepts: "
                                + e.getOriginalMessage(),
                        e);
            }
            examples.add(new Example(
                    name + ":" + line, Kind.OPERATIONS, request.path("query").asText(), null));
            from = end;
        }
    }

    /** A variable spliced in ({@code '$X'}, {@code '"$X"'}), or a line continuation ({@code '\<newline>'}). */
    private static final Pattern SPLICE = Pattern.compile("(?:\"?\\$\\{?(\\w+)}?\"?|\\\\\n)'");

    /**
     * Reads the single-quoted shell word at {@code start} into {@code out}, a spliced variable as its name;
     * returns where the word ends.
     */
    private static int shellString(String block, int start, StringBuilder out) {
        int i = start + 1;
        while (true) {
            int close = block.indexOf('\'', i);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated shell string: " + block.substring(start));
            }
            out.append(block, i, close);
            Matcher splice = SPLICE.matcher(block).region(close + 1, block.length());
            if (!splice.lookingAt()) {
                return close + 1;
            }
            out.append(splice.group(1) == null ? "" : splice.group(1));
            i = splice.end();
        }
    }
}
