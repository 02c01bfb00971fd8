package coop.cpc.lakehouse.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md shows the tables the code enforces. When the code changes, regenerate them:
 * {@code mvn -pl ejb test -Dtest=SecurityDocsTest -Dsecurity.docs.update=true}.
 */
class SecurityDocsTest {
    private static final Path PAGE = Path.of("..", "docs", "security.md");

    @Test
    void docsSecurityMdShowsTheCurrentTables() throws Exception {
        String page = Files.readString(PAGE);
        int start = page.indexOf(SecurityTables.START);
        int end = page.indexOf(SecurityTables.END);
        assertThat(start).as("start marker in " + PAGE).isNotNegative();
        assertThat(end).as("end marker in " + PAGE).isGreaterThan(start);
        String current = page.substring(start, end + SecurityTables.END.length() + 1);
        if (Boolean.getBoolean("security.docs.update")) {
            Files.writeString(PAGE, page.replace(current, SecurityTables.markdown()));
            return;
        }
        assertThat(current)
                .as("docs/security.md is out of date: regenerate it (see this test's comment)")
                .isEqualTo(SecurityTables.markdown());
    }
}
