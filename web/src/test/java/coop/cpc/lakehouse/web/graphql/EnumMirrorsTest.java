package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.adapter.crm.CohortPeriod;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.cdc.CdcStream;
import coop.cpc.lakehouse.application.lineage.LineageDirection;
import coop.cpc.lakehouse.application.lineage.LineageGraph;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.ingest.sled.SledValueFormat;
import coop.cpc.lakehouse.web.graphql.dto.CdcSnapshotMode;
import coop.cpc.lakehouse.web.graphql.dto.HttpAuthKind;
import coop.cpc.lakehouse.web.graphql.dto.HttpPaginationKind;
import coop.cpc.lakehouse.web.graphql.dto.LineageNodeKind;
import coop.cpc.lakehouse.web.graphql.dto.PredicateOperator;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API's enums are the schema's own types (the WAR's index holds only the WAR's classes), each
 * mirroring a domain enum that {@link Assembler#byName} maps by name: a constant added on one side
 * only would fail there at run time, so it fails here first.
 */
class EnumMirrorsTest {

    static Stream<Arguments> mirrors() {
        return Stream.of(
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.AssetType.class, AssetType.class),
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.Classification.class, Classification.class),
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.JobStatus.class, JobStatus.class),
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.SourceType.class, SourceType.class),
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.ScheduleKind.class, ScheduleKind.class),
                Arguments.of(
                        coop.cpc.lakehouse.web.graphql.dto.MissedTickOutcome.class,
                        coop.cpc.lakehouse.application.job.MissedTick.Outcome.class),
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.PiiCategory.class, PiiCategory.class),
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.LineageDirection.class, LineageDirection.class),
                Arguments.of(LineageNodeKind.class, LineageGraph.NodeKind.class),
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.CohortPeriod.class, CohortPeriod.class),
                Arguments.of(coop.cpc.lakehouse.web.graphql.dto.SledValueFormat.class, SledValueFormat.class),
                Arguments.of(CdcSnapshotMode.class, CdcStream.SnapshotMode.class),
                Arguments.of(HttpPaginationKind.class, HttpApiSettings.PaginationKind.class),
                Arguments.of(HttpAuthKind.class, HttpApiSettings.AuthKind.class),
                Arguments.of(PredicateOperator.class, RowPredicate.Operator.class));
    }

    @ParameterizedTest
    @MethodSource("mirrors")
    void theApiEnumHasTheDomainEnumsConstantsInItsOrder(Class<? extends Enum<?>> api, Class<? extends Enum<?>> domain) {
        assertThat(names(api)).isEqualTo(names(domain));
    }

    @Test
    void byNameMapsAConstantToTheOneOfTheSameNameAndNullToNull() {
        assertThat(Assembler.byName(Classification.PHI, coop.cpc.lakehouse.web.graphql.dto.Classification.class))
                .isEqualTo(coop.cpc.lakehouse.web.graphql.dto.Classification.PHI);
        assertThat(Assembler.byName(PredicateOperator.IS_NULL, RowPredicate.Operator.class))
                .isEqualTo(RowPredicate.Operator.IS_NULL);
        assertThat(Assembler.byName(null, JobStatus.class)).isNull();
    }

    @Test
    void byNameRefusesAConstantTheOtherEnumLacks() {
        assertThatThrownBy(() -> Assembler.byName(JobStatus.RUNNING, Classification.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
}
