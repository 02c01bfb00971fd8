package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The one way the adapters import a batch: checked, into the derived asset (created when missing), as text. */
final class AdapterImports {
    private AdapterImports() {}

    /**
     * @param fields one record's values in the order of {@code shape}'s columns
     * @return the asset appended to and the commit: what the import's audit entry names
     * @throws InvalidInputException when the batch is empty, too large or holds a null record
     */
    static <T> ImportResult importInto(
            DerivedAssets derived, TableService writer, NewAsset shape, List<T> rows, Function<T, String[]> fields)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        requireBatch(rows);
        DataAsset asset = derived.ensure(shape);
        return new ImportResult(
                asset.getId(), writer.appendText(asset.getId(), AdapterAssets.incoming(shape), texts(rows, fields)));
    }

    private static void requireBatch(List<?> rows) throws InvalidInputException {
        if (rows == null || rows.isEmpty() || rows.size() > HealthAdapterService.MAX_IMPORT_ROWS) {
            throw new InvalidInputException("rows: 1 to " + HealthAdapterService.MAX_IMPORT_ROWS + " per call, not "
                    + (rows == null ? 0 : rows.size()));
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r) == null) {
                throw new InvalidInputException("rows[" + r + "] is null");
            }
        }
    }

    private static <T> List<List<String>> texts(List<T> rows, Function<T, String[]> fields) {
        List<List<String>> out = new ArrayList<>();
        for (T row : rows) {
            out.add(Arrays.asList(fields.apply(row)));
        }
        return out;
    }
}
