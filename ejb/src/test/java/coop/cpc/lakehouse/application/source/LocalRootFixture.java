package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.config.LakehouseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Set-up of the validation tests: a folder {@code inbox} in a temporary folder is the one local source root. */
abstract class LocalRootFixture {

    @TempDir
    Path temp;

    Path inbox;
    LakehouseSettings settings;

    @BeforeEach
    void localRoot() throws Exception {
        inbox = Files.createDirectories(temp.resolve("inbox"));
        settings = settings(Map.of());
    }

    /** Settings naming the inbox as the local source root, with {@code extra} keys. */
    LakehouseSettings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("data_lakehouse.local_source_roots", inbox.toString());
        return LakehouseSettings.from(name -> Optional.ofNullable(values.get(name)));
    }
}
