package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualifiedTableNameTest {
    @Test
    void quotesAnIdentifierByDoublingItsEmbeddedQuotes() {
        assertThat(QualifiedTableName.quote("plain")).isEqualTo("\"plain\"");
        assertThat(QualifiedTableName.quote("v\" , pg_sleep(2) AS \"w")).isEqualTo("\"v\"\" , pg_sleep(2) AS \"\"w\"");
        assertThat(QualifiedTableName.quote("\"")).isEqualTo("\"\"\"\"");
    }

    @Test
    void quotesBothPartsOfATableName() {
        assertThat(QualifiedTableName.parse("finance.ledger").quoted()).isEqualTo("\"finance\".\"ledger\"");
    }

    @Test
    void showsAControlCharacterOfANameAsItsEscapeSoThatItCannotForgeALogLine() {
        assertThat(QualifiedTableName.printable("id\nINFO: forged\u0007")).isEqualTo("id\\u000aINFO: forged\\u0007");
        assertThat(QualifiedTableName.printable("Größe")).isEqualTo("Größe");
        assertThat(QualifiedTableName.printable("x".repeat(80))).isEqualTo("x".repeat(67) + "...");
    }
}
