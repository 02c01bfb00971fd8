package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.web.graphql.DocsGraphQlExamples.Example;
import coop.cpc.lakehouse.web.graphql.DocsGraphQlExamples.Kind;
import graphql.ParseAndValidate;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.rules.NoUnusedVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every GraphQL example of the README and the guides in {@code docs/} (not the benchmark log) is valid against the
 * schema the API serves: its fields, arguments, argument and input types, enum values, required arguments and
 * declared variables, as graphql-java validates a request before running it. Where the examples are found:
 * {@link DocsGraphQlExamples}.
 */
class DocsGraphQlExamplesTest {
    private static final Path ROOT =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @TestFactory
    Stream<DynamicTest> everyExampleOfTheDocsIsValidAgainstTheSchema() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path file : guides()) {
            examples.addAll(DocsGraphQlExamples.of(file, ROOT.relativize(file).toString()));
        }
        assertThat(examples).as("GraphQL examples in README.md and docs/").hasSizeGreaterThan(40);
        return examples.stream()
                .map(example -> DynamicTest.dynamicTest(
                        example.source(),
                        () -> assertThat(problems(example))
                                .as("%s is not valid against the schema:%n%s", example.source(), example.document())
                                .isEmpty()));
    }

    private static List<Path> guides() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md"))
                    .filter(f -> !f.getFileName().toString().equals("benchmarks.md"))
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }

    /** What graphql-java's validation says about the example; empty when it is valid. */
    static List<String> problems(Example example) {
        GraphQLSchema schema = InProcessGraphQl.schema();
        return switch (example.kind()) {
            case OPERATIONS -> operationProblems(schema, example.document());
            case INPUT_FIELDS -> inputFieldProblems(schema, example.inputType(), example.document());
            case SHAPE -> GraphQlShapes.problems(schema, example.document());
        };
    }

    private static List<String> operationProblems(GraphQLSchema schema, String text) {
        Document document;
        try {
            document = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            return List.of(e.getMessage());
        }
        List<Definition> fragments = document.getDefinitions().stream()
                .filter(FragmentDefinition.class::isInstance)
                .toList();
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                operations++;
                // A block may list several operations to send one by one: each is validated alone.
                List<Definition> alone = new ArrayList<>(fragments);
                alone.add(0, operation);
                validate(schema, Document.newDocument().definitions(alone).build(), problems);
            }
        }
        if (operations == 0) {
            problems.add("no operation");
        }
        return problems;
    }

    /** Each field must be one of the input type's, and its value valid for the field's type. */
    private static List<String> inputFieldProblems(GraphQLSchema schema, String typeName, String text) {
        if (!(schema.getType(typeName) instanceof GraphQLInputObjectType type)) {
            return List.of("the schema has no input type " + typeName);
        }
        ObjectValue fields;
        try {
            fields = (ObjectValue) Parser.parseValue("{" + text + "}");
        } catch (InvalidSyntaxException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (ObjectField field : fields.getObjectFields()) {
            GraphQLInputObjectField declared = type.getField(field.getName());
            if (declared == null) {
                problems.add(typeName + " has no field " + field.getName());
                continue;
            }
            // The value as a variable's default value: graphql-java checks it against the variable's type.
            String probe =
                    "query ($value: " + GraphQLTypeUtil.simplePrint(GraphQLTypeUtil.unwrapNonNull(declared.getType()))
                            + " = " + AstPrinter.printAst(field.getValue()) + ") { __typename }";
            List<String> found = new ArrayList<>();
            validate(schema, Parser.parse(probe), found, NoUnusedVariables.class);
            found.forEach(problem -> problems.add(field.getName() + ": " + problem));
        }
        return problems;
    }

    private static void validate(
            GraphQLSchema schema, Document document, List<String> problems, Class<?>... rulesLeftOut) {
        List<Class<?>> leftOut = List.of(rulesLeftOut);
        for (ValidationError error :
                ParseAndValidate.validate(schema, document, rule -> !leftOut.contains(rule), Locale.ENGLISH)) {
            problems.add(error.getMessage());
        }
    }

    private static Example operations(String document) {
        return new Example("test", Kind.OPERATIONS, document, null);
    }

    @Test
    void anExampleNamingAFieldTheSchemaLacksIsRefused() {
        assertThat(problems(operations("{ assets { nodes { id nmae } } }")))
                .singleElement()
                .asString()
                .contains("nmae");
    }

    @Test
    void anExampleLackingARequiredArgumentOrAVariableDeclarationIsRefused() {
        assertThat(problems(operations("mutation { startIngestionJob { executionId } }")))
                .anySatisfy(p -> assertThat(p).contains("id"));
        assertThat(problems(operations("query { ingestionJob(id: $job) { id } }")))
                .anySatisfy(p -> assertThat(p).contains("job"));
    }

    @Test
    void eachOperationOfABlockIsValidatedAloneAndABrokenOneIsFound() {
        assertThat(problems(operations("{ assets { nodes { id } } }\n{ assets { nodes { name } } }")))
                .isEmpty();
        assertThat(problems(operations("{ assets { nodes { id } } }\nmutation { deleteIngestionJob(id: 3.5) }")))
                .isNotEmpty();
    }

    @Test
    void inputFieldsAreCheckedAgainstTheirInputType() {
        String type = "IngestionJobInput";
        assertThat(problems(new Example(
                        "test", Kind.INPUT_FIELDS, "fileDrop: { directory: \"/d\", glob: \"*.csv\" }", type)))
                .isEmpty();
        assertThat(problems(new Example("test", Kind.INPUT_FIELDS, "fileDrop: { folder: \"/d\" }", type)))
                .isNotEmpty();
        assertThat(problems(new Example("test", Kind.INPUT_FIELDS, "fileDorp: { directory: \"/d\" }", type)))
                .singleElement()
                .asString()
                .contains("fileDorp");
    }

    @Test
    void aSketchOfFieldsNamingAFieldOrArgumentTheSchemaLacksIsRefused() {
        assertThat(problems(shape("jobExecutions(jobId, first) { batchStatus steps { readCount } }")))
                .isEmpty();
        assertThat(problems(shape("asset { rows(columns, where, first, after, asOf) snapshots(last, before) }")))
                .isEmpty();
        assertThat(problems(shape("createCdcStream(input: { name, url, user, passwordAlias, tables }) { id }")))
                .isEmpty();
        assertThat(problems(shape("jobExecutions(jobId, last) { batchStatus }")))
                .containsExactly("jobExecutions has no argument last");
        assertThat(problems(shape("jobExecutions(jobId) { batchStatus steps { readCnt } }")))
                .containsExactly("StepExecution has no field readCnt");
        assertThat(problems(shape("createCdcStream(input: { name, slot }) { id }")))
                .containsExactly("CdcStreamInput has no field slot");
    }

    private static Example shape(String sketch) {
        return new Example("test", Kind.SHAPE, sketch, null);
    }

    @Test
    void examplesAreFoundInGraphQlBlocksShellStringsAndInlineSpansButNotAfterTheMarker(@TempDir Path folder)
            throws IOException {
        Path guide = folder.resolve("guide.md");
        Files.writeString(guide, """
                Count them with `{ assets { nodes { id } } }` or
                `mutation { compactAsset(assetId: "x") { executionId } }`, not `{a,b}` nor `m{le="1"}`;
                `jobExecutions(jobId) { batchStatus }` is a sketch.

                ```graphql
                { cdcStreams { id } }
                ```

                ```bash
                curl -d '{"query":"{ asset(id: \\"'$ID'\\") { name } }"}'
                ```

                <!-- not-validated: a sketch -->
                ```graphql
                { sketch }
                ```

                <!-- graphql-fields-of: IngestionJobInput -->
                ```graphql
                fileDrop: { directory: "/d", glob: "*" }
                ```
                """);

        List<Example> examples = DocsGraphQlExamples.of(guide, "guide.md");

        assertThat(examples)
                .extracting(Example::source)
                .containsExactly("guide.md:1", "guide.md:2", "guide.md:3", "guide.md:5", "guide.md:10", "guide.md:19");
        assertThat(examples.get(2).kind()).isEqualTo(Kind.SHAPE);
        assertThat(examples.get(4).document()).isEqualTo("{ asset(id: \"ID\") { name } }");
        assertThat(examples.get(5).inputType()).isEqualTo("IngestionJobInput");
    }
}
