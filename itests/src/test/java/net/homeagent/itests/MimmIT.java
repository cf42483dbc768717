package net.homeagent.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
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
 * mimm:* commands. The exchange on the wire is tools/interop/run-mimm.sh's.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MimmIT {

    @Inject
    FeaturesService features;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    BundleContext context;

    @Configuration
    public Option[] appliance() {
        return ApplianceOptions.options();
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
}
