package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.adapter.crm.CohortReport;
import coop.cpc.lakehouse.adapter.crm.Interaction;
import coop.cpc.lakehouse.adapter.crm.JourneyReport;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.adapter.CohortAnalysis;
import coop.cpc.lakehouse.application.adapter.CrmAdapterService;
import coop.cpc.lakehouse.application.adapter.CustomerInteraction;
import coop.cpc.lakehouse.application.adapter.JourneyAnalytics;
import coop.cpc.lakehouse.application.adapter.JourneyInteractions;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.ResponseTooLargeException;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.web.graphql.dto.CohortAnalysisResult;
import coop.cpc.lakehouse.web.graphql.dto.CohortPeriod;
import coop.cpc.lakehouse.web.graphql.dto.CommitOutcome;
import coop.cpc.lakehouse.web.graphql.dto.InteractionInput;
import coop.cpc.lakehouse.web.graphql.dto.InteractionRecord;
import coop.cpc.lakehouse.web.graphql.dto.JourneyAnalyticsResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The CRM adapter: interactions in, customer journeys and cohort retention out (as derived assets too). */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class CrmApi {

    @Inject
    CrmAdapterService crm;

    @Inject
    ResponseBudget budget;

    @Mutation("importInteractions")
    @Description(
            "Appends up to 10,000 interactions to crm.interactions (created on first use, CONFIDENTIAL) as one snapshot.")
    public @NonNull CommitOutcome importInteractions(@Name("rows") @NonNull List<InteractionInput> rows)
            throws InvalidInputException, UnknownAssetException, SchemaMismatchException, CommitConflictException {
        List<CustomerInteraction> interactions = new ArrayList<>();
        for (InteractionInput r : rows) {
            interactions.add(
                    r == null
                            ? null
                            : new CustomerInteraction(
                                    r.customerId(),
                                    r.timestamp(),
                                    r.interactionType(),
                                    r.channel(),
                                    r.outcome(),
                                    r.value()));
        }
        return HealthApi.outcome(crm.importInteractions(interactions).commit());
    }

    @Query("customerJourney")
    @Description("One customer's interactions in time order (ties: ingestion order). Its scan counts against"
            + " graphql_max_scan_rows and its interactions against graphql_max_response_bytes, with the request's"
            + " rows fields and aliases.")
    public @NonNull List<@NonNull InteractionRecord> customerJourney(
            @Name("assetId") @Id @NonNull String assetId, @Name("customerId") @NonNull String customerId)
            throws InvalidInputException, UnknownAssetException, ForbiddenException, ResponseTooLargeException {
        JourneyInteractions journey =
                crm.customerJourney(Ids.parse("assetId", assetId), customerId, budget.remaining());
        budget.spend(journey.responseBytes());
        return journey.interactions().stream().map(CrmApi::record).toList();
    }

    @Mutation("createCustomerJourneyAnalytics")
    @Description(
            "Computes journeys (transitions, paths, the funnel over funnelSteps, conversion) of an interactions asset"
                    + " and stores each customer's journey in <asset>_journeys.")
    public @NonNull JourneyAnalyticsResult createCustomerJourneyAnalytics(
            @Name("assetId") @Id @NonNull String assetId, @Name("funnelSteps") List<String> funnelSteps)
            throws InvalidInputException, UnknownAssetException, ForbiddenException, SchemaMismatchException,
                    CommitConflictException, AssetAlreadyExistsException {
        JourneyAnalytics analytics = crm.createCustomerJourneyAnalytics(Ids.parse("assetId", assetId), funnelSteps);
        JourneyReport r = analytics.report();
        return new JourneyAnalyticsResult(
                analytics.derivedAssetId().toString(),
                r.customers(),
                r.interactions(),
                r.converted(),
                r.conversionRate(),
                r.transitions().stream()
                        .map(t -> new JourneyAnalyticsResult.Transition(t.from(), t.to(), t.count()))
                        .toList(),
                r.paths().stream()
                        .map(p -> new JourneyAnalyticsResult.PathFrequency(p.path(), p.customers()))
                        .toList(),
                r.funnel().stream()
                        .map(f -> new JourneyAnalyticsResult.FunnelStep(f.step(), f.customers(), f.rate()))
                        .toList(),
                r.otherPaths());
    }

    @Mutation("cohortAnalysis")
    @Description(
            "Cohort retention of an interactions asset by MONTH or WEEK (UTC), stored in <asset>_cohorts_month|week.")
    public @NonNull CohortAnalysisResult cohortAnalysis(
            @Name("assetId") @Id @NonNull String assetId, @Name("period") @NonNull CohortPeriod period)
            throws InvalidInputException, UnknownAssetException, ForbiddenException, SchemaMismatchException,
                    CommitConflictException, AssetAlreadyExistsException {
        CohortAnalysis analysis = crm.cohortAnalysis(
                Ids.parse("assetId", assetId), coop.cpc.lakehouse.adapter.crm.CohortPeriod.valueOf(period.name()));
        CohortReport r = analysis.report();
        return new CohortAnalysisResult(
                analysis.derivedAssetId().toString(),
                period,
                r.lastPeriod(),
                r.cohorts().stream()
                        .map(c -> new CohortAnalysisResult.Cohort(
                                c.label(), c.start().toString(), c.size(), c.active(), c.retention()))
                        .toList(),
                r.insights());
    }

    private static InteractionRecord record(Interaction i) {
        Instant at = Instant.ofEpochSecond(
                Math.floorDiv(i.epochMicros(), 1_000_000L), Math.floorMod(i.epochMicros(), 1_000_000L) * 1000);
        return new InteractionRecord(i.customerId(), at.toString(), i.type(), i.channel(), i.outcome(), i.value());
    }
}
