package coop.cpc.lakehouse.application.security;

import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.util.stream.Collectors;

/**
 * Renders {@link OperationRoles}, {@link PurposePolicy} and {@link RowAccessPolicy} as the Markdown
 * tables of docs/security.md (a test keeps the page current with the code).
 */
public final class SecurityTables {
    public static final String START = "<!-- generated from OperationRoles, PurposePolicy, RowAccessPolicy: start -->";
    public static final String END = "<!-- generated: end -->";

    private SecurityTables() {}

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(START).append("\n\n### Operations\n\n| operation | kind | what |");
        for (Role role : Role.values()) {
            out.append(' ').append(role.roleName()).append(" |");
        }
        out.append("\n|---|---|---|");
        out.append(":-:|".repeat(Role.values().length)).append('\n');
        for (OperationRoles operation : OperationRoles.values()) {
            out.append("| `")
                    .append(operation.operation())
                    .append("` | ")
                    .append(operation.kind().name().toLowerCase())
                    .append(" | ")
                    .append(operation.summary())
                    .append(" |");
            for (Role role : Role.values()) {
                out.append(operation.allows(role) ? " ✔ |" : "  |");
            }
            out.append('\n');
        }
        out.append("\n### Purposes each role may declare (`X-Lakehouse-Purpose`)\n\n| role | purposes |\n|---|---|\n");
        for (Role role : Role.values()) {
            out.append("| ")
                    .append(role.roleName())
                    .append(" | ")
                    .append(PurposePolicy.purposes(role).stream()
                            .map(AuditPurpose::name)
                            .map(p -> "`" + p + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        out.append("\n### Rows each role reads, by the asset's classification\n\n| role |");
        for (Classification level : Classification.values()) {
            out.append(' ').append(level.name()).append(" |");
        }
        out.append("\n|---|")
                .append(":-:|".repeat(Classification.values().length))
                .append('\n');
        for (Role role : Role.values()) {
            out.append("| ").append(role.roleName()).append(" |");
            for (Classification level : Classification.values()) {
                boolean any = RowAccessPolicy.allows(role, "any", level);
                boolean research = RowAccessPolicy.allows(role, RowAccessPolicy.RESEARCH_NAMESPACE, level);
                out.append(any ? " ✔ |" : research ? " `research` only |" : "  |");
            }
            out.append('\n');
        }
        return out.append('\n').append(END).append('\n').toString();
    }
}
