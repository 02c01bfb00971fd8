package coop.cpc.lakehouse.catalog.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobRepositoryReadinessCheckTest {

    @Test
    void onTheOtherServerKindItSaysTheRunsBelongElsewhereAndWhatToDo() {
        assertThat(JobRepositoryReadinessCheck.ingestionRuns("WILDFLY", "OPEN_LIBERTY"))
                .isEqualTo("jobs refused: this catalog's ingestion runs belong to the WildFly job repository;"
                        + " Open Liberty keeps its own — use a separate catalog, see docs/deployment.md");
        assertThat(JobRepositoryReadinessCheck.ingestionRuns("OPEN_LIBERTY", "WILDFLY"))
                .startsWith("jobs refused: this catalog's ingestion runs belong to the Open Liberty job repository;");
    }

    @Test
    void onTheOwningServerOrAnUnclaimedCatalogNothingIsRefused() {
        assertThat(JobRepositoryReadinessCheck.ingestionRuns("WILDFLY", "WILDFLY"))
                .isEqualTo("belong to the WildFly job repository");
        assertThat(JobRepositoryReadinessCheck.ingestionRuns(null, "OPEN_LIBERTY"))
                .isEqualTo("no server has run jobs on this catalog yet");
    }

    @Test
    void theServerKindComesFromTheBatchRuntimesJobOperator() {
        assertThat(JobRepositoryReadinessCheck.serverKind("org.jberet.operations.DelegatingJobOperator"))
                .isEqualTo("WILDFLY");
        assertThat(JobRepositoryReadinessCheck.serverKind("com.ibm.jbatch.container.api.impl.JobOperatorImpl"))
                .isEqualTo("OPEN_LIBERTY");
        assertThat(JobRepositoryReadinessCheck.serverKind("org.example.OtherOperator"))
                .isNull();
    }
}
