package coop.cpc.lakehouse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretQueryParametersTest {

    @Test
    void aCredentialInAJdbcUrlOrAnHttpUrlInsideAMessageIsMaskedAndTheRestOfTheMessageStays() {
        String message = "Connection to jdbc:postgresql://plant-db:5432/plant?user=reader&password=hunter2&ssl=true"
                + " refused; retried https://bob:s3cr3t@api.example/v1?page_token=p2&api_key=k-123 at 02:00";

        String shown = SecretQueryParameters.maskedIn(message);

        assertThat(shown)
                .doesNotContain("hunter2", "s3cr3t", "k-123", "bob")
                .isEqualTo("Connection to jdbc:postgresql://plant-db:5432/plant?user=reader&password=***&ssl=true"
                        + " refused; retried https://api.example/v1?page_token=p2&api_key=*** at 02:00");
    }

    @Test
    void aCredentialInAJsonSourceDefinitionInsideAMessageIsMaskedButItsAliasIsNot() {
        String message = "unreadable source definition {\"url\":\"jdbc:postgresql://db/x\",\"password\":\"pa\\\"ss\","
                + "\"passwordAlias\":\"plant_db\",\"token\" : \"t0k\"}";

        assertThat(SecretQueryParameters.maskedIn(message))
                .isEqualTo("unreadable source definition {\"url\":\"jdbc:postgresql://db/x\",\"password\":\"***\","
                        + "\"passwordAlias\":\"plant_db\",\"token\" : \"***\"}");
    }

    @Test
    void aMessageWithoutCredentialsIsUnchangedAndNullStaysNull() {
        String message = "ingestion job drop2 is running (execution 7); stop it or wait for it to end: a=b, x=1";

        assertThat(SecretQueryParameters.maskedIn(message)).isEqualTo(message);
        assertThat(SecretQueryParameters.maskedIn(null)).isNull();
    }

    @Test
    void aCredentialInAnyCauseMessageIsFoundButNotInACleanChainNorACycle() {
        Exception clean = new Exception("run 3 failed", new Exception("page 2 returned HTTP 404"));
        Exception deep = new Exception("run 3 failed", new Exception("wrapped", new Exception("GET /x?token=abc")));
        Exception cycle = new Exception("a=b") {
            @Override
            public synchronized Throwable getCause() {
                return new Exception("still no credential", this);
            }
        };

        assertThat(SecretQueryParameters.namedInMessages(clean)).isFalse();
        assertThat(SecretQueryParameters.namedInMessages(deep)).isTrue();
        assertThat(SecretQueryParameters.namedInMessages(cycle)).isFalse();
    }
}
