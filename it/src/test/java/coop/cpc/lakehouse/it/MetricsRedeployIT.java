package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WildFly's metric registry outlives a deployment: an undeploy must take the application's meters with it, and a
 * redeploy's meters must be the ones exported (before, the old gauges stayed and shadowed the new ones).
 */
@ExtendWith({ItDatabase.class, ArquillianExtension.class})
@RunAsClient
class MetricsRedeployIT {
    private static final String EAR = "lakehouse-redeployed";

    @ArquillianResource
    private Deployer deployer;

    @RegisterExtension
    static final CdcSourceExtension SOURCE = CdcSourceExtension.forClass("it-redeploy-source");

    private final GraphQlClient graphql = new GraphQlClient();
    private final IngestionRuns runs = new IngestionRuns(graphql);
    private final CdcStreams streams = new CdcStreams(graphql);

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.lakehouseEar();
    }

    @Test
    void anUndeployLeavesNoLakehouseMetricAndARedeployExportsItsOwnCommitsAndStreams() throws Exception {
        Assumptions.assumeFalse(
                "liberty".equals(System.getProperty("arquillian.launch")),
                "Liberty's application metric registry is the application's own (docs/deployment.md)");
        deployer.deploy(EAR);
        commitOneRow("before_redeploy");
        // A running stream at undeploy: its gauges go with the deployment, and come back with the redeploy.
        CdcSource.execute("CREATE TABLE public.redeployed (id integer PRIMARY KEY)");
        CdcStreams.OneTableStream stream = streams.createOf("redeployed_it", "public.redeployed", "redeploy");
        CdcSource.execute("INSERT INTO public.redeployed VALUES (1)");
        streams.awaitEqual(stream.assetId(), "public.redeployed");
        String before = ObservabilityIT.scrape();
        assertThat(ObservabilityIT.value(before, "lakehouse_commit_latency_histogram", "le=\"+Inf\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(ObservabilityIT.value(before, "lakehouse_cdc_stream_running", "stream=\"redeployed_it\""))
                .isEqualTo(1);

        deployer.undeploy(EAR);
        assertThat(lakehouseSeries(ObservabilityIT.scrape()))
                .as("series of the undeployed application")
                .isEmpty();

        deployer.deploy(EAR);
        try {
            commitOneRow("after_redeploy");
            CdcSource.execute("INSERT INTO public.redeployed VALUES (2)");
            streams.awaitEqual(stream.assetId(), "public.redeployed");
            String metrics = ObservabilityIT.scrape();
            String ours = String.join("\n", lakehouseSeries(metrics));
            assertThat(ObservabilityIT.value(metrics, "lakehouse_commit_latency_histogram", "le=\"+Inf\""))
                    .as(ours)
                    .isGreaterThanOrEqualTo(1);
            assertThat(ObservabilityIT.value(metrics, "lakehouse_cdc_stream_running", "stream=\"redeployed_it\""))
                    .as(ours)
                    .isEqualTo(1);
            assertThat(ObservabilityIT.value(
                            metrics, "lakehouse_cdc_last_commit_age_seconds", "stream=\"redeployed_it\""))
                    .as("the redeployed stream's last commit, not the old deployment's")
                    .isLessThan(60);
        } finally {
            streams.deleteAll();
            deployer.undeploy(EAR);
        }
    }

    private void commitOneRow(String asset) throws Exception {
        String id = runs.createAsset("redeploy", asset, List.of(column("n", "int32", false)));
        runs.appendRows(id, List.of(column("n", "int32")), List.of(List.of("1")));
    }

    private static List<String> lakehouseSeries(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("lakehouse_")).collect(Collectors.toList());
    }
}
