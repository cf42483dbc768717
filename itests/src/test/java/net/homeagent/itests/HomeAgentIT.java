package net.homeagent.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.is;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RegistrationPolicy;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

/**
 * The appliance as shipped (the karaf-assembly tar.gz), started by Pax Exam with the home agent
 * on 127.0.0.1 and one security association; the test methods run inside it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HomeAgentIT {

    private static final long SERVICE_TIMEOUT_MILLIS = 10_000;
    private static final Inet4Address HOME_ADDRESS = TestMobileNode.ipv4("10.0.0.10");
    private static final Inet4Address CARE_OF_ADDRESS = TestMobileNode.ipv4("192.0.2.77");

    @Inject
    FeaturesService features;

    @Inject
    BindingStore store;

    @Inject
    BundleContext bundleContext;

    @Inject
    SecurityAssociations securityAssociations;

    @Inject
    RegistrationStatistics statistics;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] appliance() {
        return ApplianceOptions.options();
    }

    @Test
    public void everyHomeagentFeatureIsInstalled() throws Exception {
        for (String name : List.of("homeagent-thirdparty", "homeagent-api", "homeagent-core", "homeagent-ha",
                "homeagent")) {
            assertTrue(name + " installed", features.isInstalled(features.getFeature(name)));
        }
    }

    @Test
    public void theServicesComeFromTheHomeagentBundles() throws Exception {
        assertEquals("net.homeagent.binding-store", bundleOf(store));
        assertEquals("net.homeagent.home-agent", bundleOf(awaitService(RegistrationService.class)));
        assertEquals("net.homeagent.home-agent", bundleOf(securityAssociations));
        assertEquals("net.homeagent.home-agent", bundleOf(statistics));
    }

    @Test
    public void theSecurityAssociationsAreReadFromEtc() {
        List<SecurityAssociationInfo> all = securityAssociations.describeAll();
        assertEquals(1, all.size());
        assertEquals(Optional.of(HOME_ADDRESS), all.get(0).homeAddress());
        assertEquals(256L, all.get(0).spi());
        assertEquals(AuthenticationAlgorithm.HMAC_MD5, all.get(0).algorithm());
        assertEquals(ReplayProtection.TIMESTAMP, all.get(0).replay());
        assertEquals(16, all.get(0).keyLength());
    }

    @Test
    public void aRegistrationOverUdpIsAcceptedShownByTheShellAndRemovedByDeregistration() throws Exception {
        TestMobileNode node = new TestMobileNode(HOME_ADDRESS, CARE_OF_ADDRESS,
                TestMobileNode.ipv4("127.0.0.1"), Integer.getInteger(ApplianceOptions.PORT_PROPERTY));
        KarafShell shell = new KarafShell(sessionFactory);
        long deregistrationsBefore = statistics.snapshot().deregistrations();

        RegistrationReply accepted = node.register(600);
        assertEquals(ReplyCode.ACCEPTED, accepted.code());
        assertEquals(HOME_ADDRESS, accepted.homeAddress());
        assertTrue("granted lifetime " + accepted.lifetime(), accepted.lifetime() > 0 && accepted.lifetime() <= 600);
        List<Binding> bindings = store.find(HOME_ADDRESS);
        assertEquals(1, bindings.size());
        assertEquals(CARE_OF_ADDRESS, bindings.get(0).careOfAddress());

        String table = shell.execute("mip:bindings");
        assertThat(table, containsString("Mobility Binding List: Total 1"));
        assertThat(table, containsString("10.0.0.10"));
        assertThat(table, containsString("192.0.2.77"));
        assertThat(shell.execute("mip:binding 10.0.0.10"), containsString("Care-of Addr 192.0.2.77"));
        // the default appliance (no root, no home link configured) serves registrations and says
        // plainly that nothing is forwarded
        assertThat(shell.execute("mip:dataplane"), containsString("forwarding OFF: implementation = none"));
        assertThat(shell.execute("mip:binding 10.0.0.10"), containsString("Not forwarded: forwarding OFF"));
        assertThat(shell.execute("mip:stats"), containsString("accepted"));
        String security = shell.execute("mip:security");
        assertThat(security, containsString("10.0.0.10"));
        assertThat(security, containsString("FA-HA Security Associations: Total 0"));
        assertThat(security, not(containsString("00112233")));

        RegistrationReply deregistered = node.register(0);
        assertEquals(ReplyCode.ACCEPTED, deregistered.code());
        assertEquals(List.of(), store.find(HOME_ADDRESS));
        assertThat(shell.execute("mip:bindings"), containsString("Mobility Binding List: Total 0"));
        assertThat(statistics.snapshot().deregistrations(), is(deregistrationsBefore + 1));
    }

    @Test
    public void aPolicyOfAnotherBundleDecidesLaterWithoutHoldingTheHomeAgent() throws Exception {
        TestMobileNode node = new TestMobileNode(HOME_ADDRESS, CARE_OF_ADDRESS,
                TestMobileNode.ipv4("127.0.0.1"), Integer.getInteger(ApplianceOptions.PORT_PROPERTY));
        // as an AAA client would: the verdict comes from another thread, after the event loop moved on
        RegistrationPolicy refusesLater = (registration, proposed) -> CompletableFuture.supplyAsync(
                () -> RegistrationVerdict.refuse(ReplyCode.ADMINISTRATIVELY_PROHIBITED, "it-policy"),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
        ServiceRegistration<RegistrationPolicy> policy = bundleContext.registerService(RegistrationPolicy.class,
                refusesLater, null);
        try {
            assertEquals(ReplyCode.ADMINISTRATIVELY_PROHIBITED, node.register(600).code());
            assertEquals(List.of(), store.find(HOME_ADDRESS));
        } finally {
            policy.unregister();
        }
        assertEquals(ReplyCode.ACCEPTED, node.register(600).code());
        assertEquals(ReplyCode.ACCEPTED, node.register(0).code());
    }

    @Test
    public void theApplianceLogsNoError() throws Exception {
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        List<String> errors = Files.readAllLines(log).stream().filter(line -> line.contains("| ERROR |")).toList();
        assertEquals(List.of(), errors);
    }

    /** Looked up here rather than injected, so that only this test fails if it never comes. */
    private <S> S awaitService(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            S service = tracker.waitForService(SERVICE_TIMEOUT_MILLIS);
            assertNotNull(type.getName() + " registered within " + SERVICE_TIMEOUT_MILLIS + " ms", service);
            return service;
        } finally {
            tracker.close();
        }
    }

    private static String bundleOf(Object service) {
        return FrameworkUtil.getBundle(service.getClass()).getSymbolicName();
    }
}
