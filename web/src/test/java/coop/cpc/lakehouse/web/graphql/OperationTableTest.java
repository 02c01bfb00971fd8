package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.security.OperationRoles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.junit.jupiter.api.Test;

/** The one operation → roles table covers every operation the GraphQL API classes serve, and every class is gated. */
class OperationTableTest {

    @Test
    void everyOperationOfTheGraphQlApiClassesIsInTheTable() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Method method : operationMethods()) {
            String operation = GraphQlOperations.nameOf(method);
            if (OperationRoles.byOperation(operation).isEmpty()) {
                missing.add(
                        method.getDeclaringClass().getSimpleName() + "." + method.getName() + " (" + operation + ")");
            }
        }
        assertThat(missing).as("operations missing from OperationRoles").isEmpty();
    }

    @Test
    void everyGraphQlApiClassPassesTheGate() throws Exception {
        List<Class<?>> classes = apiClasses();
        assertThat(classes).hasSizeGreaterThanOrEqualTo(5);
        for (Class<?> api : classes) {
            assertThat(api.isAnnotationPresent(Authorized.class))
                    .as(api.getSimpleName() + " carries @Authorized")
                    .isTrue();
        }
    }

    @Test
    void everyPublicMethodOfAnApiClassServesAnOperation() throws Exception {
        // The interceptor refuses any other public method: one would be a mistake, not an operation.
        for (Class<?> api : apiClasses()) {
            for (Method method : api.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                    assertThat(GraphQlOperations.nameOf(method))
                            .as(api.getSimpleName() + "." + method.getName())
                            .isNotNull();
                }
            }
        }
    }

    @Test
    void theOperationNameComesFromTheAnnotationsNotTheJavaName() throws Exception {
        assertThat(GraphQlOperations.nameOf(TableApi.class.getMethod(
                        "rows",
                        coop.cpc.lakehouse.web.graphql.dto.Asset.class,
                        List.class,
                        List.class,
                        int.class,
                        String.class,
                        coop.cpc.lakehouse.web.graphql.dto.AsOfInput.class)))
                .isEqualTo("rows");
        assertThat(GraphQlOperations.nameOf(
                        AssetApi.class.getMethod("createAsset", coop.cpc.lakehouse.web.graphql.dto.AssetInput.class)))
                .isEqualTo("createAsset");
        assertThat(GraphQlOperations.nameOf(Object.class.getMethod("toString"))).isNull();
    }

    static List<Method> operationMethods() throws Exception {
        List<Method> methods = new ArrayList<>();
        for (Class<?> api : apiClasses()) {
            for (Method method : api.getDeclaredMethods()) {
                if (GraphQlOperations.nameOf(method) != null) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }

    /** Every class of this package annotated @GraphQLApi, found in the compiled classes. */
    static List<Class<?>> apiClasses() throws URISyntaxException, ClassNotFoundException, java.io.IOException {
        Path folder = Path.of(AssetApi.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(AssetApi.class.getPackageName().replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(AssetApi.class.getPackageName() + "." + name);
                if (type.isAnnotationPresent(GraphQLApi.class)) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }
}
