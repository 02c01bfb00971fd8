package coop.cpc.lakehouse.batch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.ingest.RowSink;
import jakarta.batch.runtime.BatchStatus;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A read that reaches the end of its source tells the run service which assets it read whole, so the commit of
 * an OVERWRITE source empties one that got no row; a stopped read tells nothing ({@link StopDuringAReadTest}).
 */
class ReadToTheEndTest {

    @Test
    void aReadOfAnEmptySourceRecordsItsAssetAsReadWholeOnce() throws Exception {
        UUID asset = UUID.randomUUID();
        List<SourceReader> readWhole = new ArrayList<>();
        SourceItemReader reader = new SourceItemReader();
        reader.job = BatchContexts.job(() -> BatchStatus.STARTED);
        reader.step = BatchContexts.step();
        reader.service = (IngestionRunService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IngestionRunService.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "open" -> {
                            return new EmptySource(asset);
                        }
                        case "readToEnd" -> {
                            readWhole.add((SourceReader) args[3]);
                            return null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
        reader.open(null);

        Object first = reader.readItem();
        Object again = reader.readItem();

        assertThat(first).isNull();
        assertThat(again).isNull();
        assertThat(readWhole).hasSize(1);
        assertThat(readWhole.get(0).assets()).containsExactly(asset);
    }

    /** An HTTP API that answers an empty page, a sled tree emptied since the last run. */
    private static final class EmptySource extends ScriptedSource {
        EmptySource(UUID asset) {
            super(asset, List.of(), "https://api.example/records");
        }

        @Override
        public boolean readNext(RowSink sink) {
            return false;
        }

        @Override
        public Serializable checkpoint() {
            return null;
        }
    }
}
