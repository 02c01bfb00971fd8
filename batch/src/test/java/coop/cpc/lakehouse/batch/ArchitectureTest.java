package coop.cpc.lakehouse.batch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code below the web module, checked on every build (docs/architecture.md): no
 * package cycles; the application layer reaches the batch runtime and the catalog's JDBC only
 * through its ports; the pure modules (columnar, sled, sources) hold no framework types. This
 * module's test classpath sees all of them: columnar, sled, sources, config, persistence, ejb and batch.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // In `mvn test` the sibling modules are class folders, in `mvn verify` their jars: import
                // ours either way (never a test-jar), and no third-party jar.
                .withImportOption(ArchitectureTest::isOurMainCode)
                .importPackages("coop.cpc.lakehouse");
    }

    private static boolean isOurMainCode(Location location) {
        return !location.isJar() || (location.contains("/lakehouse-") && !location.contains("-tests.jar"));
    }

    /**
     * Every package is a slice. The columnar format and the sled reader are libraries whose root
     * package and internals (encoding, webm, ebml; format) know each other by design; between
     * modules, and inside every other module, no cycle is allowed.
     */
    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("coop.cpc.lakehouse.(**)")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(
                        resideInAPackage("coop.cpc.lakehouse.columnar.."),
                        resideInAPackage("coop.cpc.lakehouse.columnar.."))
                .ignoreDependency(
                        resideInAPackage("coop.cpc.lakehouse.sled.."), resideInAPackage("coop.cpc.lakehouse.sled.."))
                .check(classes);
    }

    @Test
    void theApplicationLayerReachesTheBatchRuntimeOnlyThroughTheJobRunnerPort() {
        noClasses()
                .that()
                .resideInAPackage("coop.cpc.lakehouse.application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.batch..", "org.jberet..", "org.wildfly..")
                .because("jobs are started, read and run by the batch module (JobRunner, batch artifacts)")
                .check(classes);
    }

    @Test
    void theApplicationLayerRunsNoSqlOfItsOwn() {
        noClasses()
                .that()
                .resideInAPackage("coop.cpc.lakehouse.application..")
                .and()
                .resideOutsideOfPackage("coop.cpc.lakehouse.application.startup..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javax.sql..", "org.hibernate..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.sql.Statement")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.sql.PreparedStatement")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.sql.ResultSet")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.sql.DriverManager")
                .because("the catalog is reached through the persistence module's repositories "
                        + "(the start-up's Flyway migration excepted), JBeret's tables through the batch module")
                .check(classes);
    }

    @Test
    void thePureModulesHoldNoFrameworkTypes() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "coop.cpc.lakehouse.columnar..", "coop.cpc.lakehouse.sled..", "coop.cpc.lakehouse.ingest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..",
                        "org.jboss..",
                        "org.jberet..",
                        "org.wildfly..",
                        "org.eclipse.microprofile..",
                        "javax.enterprise..",
                        "javax.ejb..",
                        "javax.inject..",
                        "javax.persistence..",
                        "javax.batch..")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "coop.cpc.lakehouse.application..",
                        "coop.cpc.lakehouse.batch..",
                        "coop.cpc.lakehouse.catalog..",
                        "coop.cpc.lakehouse.config..")
                .because("columnar, sled and sources are plain Java SE libraries, testable without a server")
                .check(classes);
    }
}
