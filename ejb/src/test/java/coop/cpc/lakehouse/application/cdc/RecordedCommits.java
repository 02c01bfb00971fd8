package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.table.TableService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The applier tests' table service: the changes of each {@code commitChanges} call are kept instead of
 * committed, {@code rows} is answered only where a test gives the pages, and any other call is refused.
 */
final class RecordedCommits {
    /** The changes of each commit by asset id, in commit order. */
    final List<Map<UUID, TableChanges>> commits = new ArrayList<>();

    private final TableService tables;

    RecordedCommits() {
        this(after -> {
            throw new UnsupportedOperationException("rows");
        });
    }

    /** @param rowsAfter the page {@code rows} answers for the cursor it is asked after */
    RecordedCommits(Function<RowCursor, RowPage> rowsAfter) {
        tables = (TableService) Proxy.newProxyInstance(
                TableService.class.getClassLoader(), new Class<?>[] {TableService.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "commitChanges" -> {
                            @SuppressWarnings("unchecked")
                            Map<UUID, TableChanges> changes = (Map<UUID, TableChanges>) args[0];
                            commits.add(changes);
                            return null;
                        }
                        case "rows" -> {
                            return rowsAfter.apply((RowCursor) args[4]);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** The service the applier commits through. */
    TableService tables() {
        return tables;
    }

    /** What commit {@code index} (from 0) changed in one asset. */
    TableChanges of(int index, UUID assetId) {
        return commits.get(index).get(assetId);
    }
}
