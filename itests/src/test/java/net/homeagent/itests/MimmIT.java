package net.homeagent.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import net.homeagent.mip.api.VendorExtensionHandler;
import net.homeagent.mip.api.VendorExtensionHandler.VendorExtensionType;

/**
 * The MIMM advisor's feature in the appliance as shipped: in the system repository but not booted;
 * feature:install brings up the Request Handoff handler (CVSE, Vendor/Org-ID 32473, type 1) and the
 * mimm:* commands; homeagent-alerts-http the routes' HTTP alert endpoint. The exchange on the wire is
 * tools/interop/run-mimm.sh's (and tools/mimm/run-mimm-alerts.sh's for alerts).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING) // one container: the feature not booted is checked before any test installs it
public class MimmIT {

    @Inject
    FeaturesService features;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    BundleContext context;

    private static final String ALERT_PORT_PROPERTY = "homeagent.itest.alert.port";

    /** The routes' HTTP alert endpoint configured before its component is there (it waits for it). */
    @Configuration
    public Option[] appliance() {
        int alertPort = FreePorts.tcp();
        List<Option> options = new ArrayList<>(List.of(ApplianceOptions.options()));
        options.add(systemProperty(ALERT_PORT_PROPERTY).value(Integer.toString(alertPort)));
        options.add(editConfigurationFilePut("etc/net.homeagent.routes.cfg", "alertEndpoint",
                "netty-http:http://127.0.0.1:" + alertPort + "/alerts"));
        options.add(editConfigurationFilePut("etc/net.homeagent.routes.cfg", "alertToken", "itest-token"));
        return options.toArray(Option[]::new);
    }

    @Test
    public void installingTheFeatureBringsUpTheHandlerAndTheCommands() throws Exception {
        assertFalse("homeagent-mimm is not a boot feature",
                features.isInstalled(features.getFeature("homeagent-mimm")));

        features.installFeature("homeagent-mimm", EnumSet.noneOf(FeaturesService.Option.class));

        ServiceTracker<VendorExtensionHandler, VendorExtensionHandler> handlers =
                new ServiceTracker<>(context, VendorExtensionHandler.class, null);
        handlers.open();
        try {
            VendorExtensionHandler handler = handlers.waitForService(30_000);
            assertNotNull("no VendorExtensionHandler within 30 s", handler);
            assertEquals(Set.of(new VendorExtensionType(true, 32473, 1)), handler.interprets());
        } finally {
            handlers.close();
        }
        KarafShell shell = new KarafShell(sessionFactory);
        assertThat(shell.execute("mimm:networks"), containsString("Care-of prefixes"));
        assertThat(shell.execute("mimm:stats"), containsString("Request Handoffs received 0"));
        assertThat(shell.execute("mimm:advice 10.0.0.10"), containsString("No advice given to 10.0.0.10"));
        // reactive advice: its component up (UDP 10434 bound), no alert yet
        assertThat(shell.execute("mimm:alerts"), containsString("No alert holds"));
        assertTrue(features.isInstalled(features.getFeature("homeagent-mimm")));
    }

    /**
     * feature:install homeagent-alerts-http brings the netty-http component, and the alert route
     * configured at boot starts; a POST reaches the advisor's check (no network configured here, so
     * it refuses the subject: 422 with its reason, not 503), a PUT is refused for its method.
     */
    @Test
    public void theAlertEndpointStartsWhenItsComponentIsInstalledAndAsksTheAdvisor() throws Exception {
        assertFalse("homeagent-alerts-http is not a boot feature",
                features.isInstalled(features.getFeature("homeagent-alerts-http")));
        features.installFeature("homeagent-mimm", EnumSet.noneOf(FeaturesService.Option.class));
        features.installFeature("homeagent-alerts-http", EnumSet.noneOf(FeaturesService.Option.class));

        URI uri = URI.create("http://127.0.0.1:" + Integer.getInteger(ALERT_PORT_PROPERTY) + "/alerts");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest post = HttpRequest.newBuilder(uri).header("Authorization", "Bearer itest-token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"wlan-a\",\"reason\":\"outage\",\"expiry\":60}"))
                .build();
        HttpResponse<String> answer = null;
        for (Instant deadline = Instant.now().plusSeconds(30); answer == null || answer.statusCode() == 503; ) {
            try {
                answer = client.send(post, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notListeningYet) {
                // the route starts when the component's bundle is up
            }
            if (Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(200);
        }
        assertNotNull("the alert endpoint did not answer within 30 s", answer);
        assertEquals(answer.body(), 422, answer.statusCode());
        assertThat(answer.body(), containsString("alert subject unknown: 'wlan-a' from http 127.0.0.1:"));
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
    }
}
