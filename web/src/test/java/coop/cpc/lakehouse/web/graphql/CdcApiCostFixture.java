package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.cdc.CdcStream;
import coop.cpc.lakehouse.application.cdc.CdcStreamService;
import coop.cpc.lakehouse.application.cdc.CdcStreamState;
import coop.cpc.lakehouse.application.cdc.CdcTable;
import coop.cpc.lakehouse.application.cdc.StreamMetrics;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * What the tests of the audited calls {@link CdcApi} makes share: streams of several tables, and the API over a
 * service fake whose streams run without metrics ({@code state} and {@code metrics} are not audited). Each test
 * overrides the audited calls it counts.
 */
final class CdcApiCostFixture {
    static final int TABLES = 5;

    private CdcApiCostFixture() {}

    /** A stopped stream of {@value #TABLES} tables, numbered {@code number}. */
    static CdcStream stream(int number) {
        List<CdcTable> tables = IntStream.range(0, TABLES)
                .mapToObj(t -> new CdcTable("public.t" + t, UUID.randomUUID(), List.of("id")))
                .toList();
        String name = "erp_" + number;
        String slot = "lakehouse_cdc_" + name;
        return new CdcStream(
                UUID.randomUUID(),
                name,
                "jdbc:postgresql://localhost:5432/erp",
                "cdc",
                "erp_password",
                "erp",
                CdcStream.SnapshotMode.NO_DATA,
                slot,
                slot + "_pub",
                false,
                false,
                List.of("erp"),
                null,
                tables,
                Instant.parse("2026-12-07T09:00:00Z").plusSeconds(number),
                1);
    }

    /** A service whose every stream runs, without metrics; a test overrides the audited calls it counts. */
    static class RunningStreams extends CdcStreamService {
        @Override
        public CdcStreamState state(UUID id) {
            return CdcStreamState.RUNNING;
        }

        @Override
        public Optional<StreamMetrics> metrics(UUID id) {
            return Optional.empty();
        }
    }

    /** The API over {@code streams}, called by a caller of {@code role}. */
    static CdcApi api(CdcStreamService streams, String role) {
        CdcApi api = new CdcApi();
        api.streams = streams;
        api.gate = new CallerGate(Set.of(role), AuditPurpose.USER_VIEW);
        return api;
    }
}
