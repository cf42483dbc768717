package net.homeagent.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.ReplyCode;

/**
 * Issue 3: a binding outlives in-place updates of every homeagent bundle. Bindings are made (one
 * over UDP by a real registration, the others straight in the store), then home-agent, shell and
 * binding-store are updated in turn as {@code bundle:update} does; after each update every binding is
 * still there with a remaining lifetime above 0 and at most the one granted, and a new
 * registration over UDP is accepted. Updating binding-store itself reloads them from the backup.
 * Then the same through {@code feature:install -u} of a rebuilt version of the appliance's features.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BindingsSurviveUpdatesIT {

    private static final long SERVICE_TIMEOUT_MILLIS = 30_000;
    private static final int STORED_BINDINGS = 50;
    private static final int GRANTED = 600;
    private static final Inet4Address HOME_ADDRESS = TestMobileNode.ipv4("10.0.0.10");

    @Inject
    BundleContext bundleContext;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    FeaturesService features;

    /*
     * Injected so that the tests start only once the boot features are installed (the snmp and
     * routes features install wrap: bundles late in the boot): an update while the features
     * service was still installing them failed once with Felix's "Unable to acquire global lock
     * for resolve".
     */
    @Inject
    BootFinished bootFinished;

    @Configuration
    public Option[] appliance() {
        return ApplianceOptions.options();
    }

    @Test
    public void everyBindingSurvivesAnUpdateOfEachBundleAndRegistrationsGoOn() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        TestMobileNode node = mobileNode("192.0.2.77");
        assertEquals(ReplyCode.ACCEPTED, node.register(GRANTED).code());
        BindingStore store = await(BindingStore.class);
        for (int i = 1; i <= STORED_BINDINGS; i++) {
            store.register(binding(TestMobileNode.ipv4("10.1.0." + i), TestMobileNode.ipv4("198.51.100." + i)), false);
        }
        List<Binding> before = store.list(b -> true);
        assertTrue(before.size() > STORED_BINDINGS);
        // what was acknowledged is on disk before binding-store goes away
        store.sync().toCompletableFuture().get();

        String careOf = "192.0.2.100";
        for (String bundle : List.of("net.homeagent.home-agent", "net.homeagent.shell", "net.homeagent.data-plane",
                "net.homeagent.binding-store")) {
            // what bundle:update does (the shell command itself is refused to a session without
            // the admin role by Karaf's command ACL): stop, re-read the bundle from its location, start
            bundleNamed(bundle).update();

            BindingStore after = await(BindingStore.class);
            assertAllThere(bundle, before, after);
            assertThat(shell.execute("mip:bindings"), containsString("Total " + before.size()));

            // a new registration works (a new care-of address of the same node renews its binding)
            careOf = careOf.equals("192.0.2.100") ? "192.0.2.101" : "192.0.2.100";
            RegistrationReply reply = mobileNode(careOf).register(GRANTED);
            assertEquals("registration after updating " + bundle, ReplyCode.ACCEPTED, reply.code());
            assertEquals(TestMobileNode.ipv4(careOf), after.find(HOME_ADDRESS).get(0).careOfAddress());
            before = after.list(b -> true);
        }
        BindingBackupStatus backup = await(BindingBackupStatus.class);
        assertEquals("restored from the backup after binding-store was updated", before.size(),
                backup.lastRestore().restored());
        assertEquals(Optional.empty(), backup.lastRestore().problem());
        assertThat(shell.execute("mip:backup"), containsString("Last restore: " + before.size() + " restored"));
    }

    /**
     * What an operator does to install a new release in place: {@code feature:repo-add} its
     * features, then {@code feature:install -u homeagent/<new version>}. The rebuilt release is
     * our bundles with a higher Bundle-Version; Karaf updates them in place (same bundle ids).
     */
    @Test
    public void everyBindingSurvivesAFeatureUpgradeToARebuiltVersion() throws Exception {
        BindingStore store = await(BindingStore.class);
        for (int i = 1; i <= STORED_BINDINGS; i++) {
            store.register(binding(TestMobileNode.ipv4("10.2.0." + i), TestMobileNode.ipv4("198.51.100." + i)), false);
        }
        assertEquals(ReplyCode.ACCEPTED, mobileNode("192.0.2.150").register(GRANTED).code());
        List<Binding> before = store.list(b -> true);
        store.sync().toCompletableFuture().get();
        Path rebuilt = Files.createDirectories(Path.of(System.getProperty("karaf.data"), "tmp", "rebuilt"));
        String version = "0.1.1.rebuilt";
        Path repository = rebuiltRelease(rebuilt, version);

        features.addRepository(repository.toUri());
        features.installFeature("homeagent", version, EnumSet.of(FeaturesService.Option.Upgrade));

        for (String bundle : List.of("net.homeagent.binding-store", "net.homeagent.home-agent", "net.homeagent.shell",
                "net.homeagent.data-plane")) {
            assertEquals(bundle + " upgraded", version, bundleNamed(bundle).getVersion().toString());
        }
        BindingStore after = await(BindingStore.class);
        assertAllThere("the feature upgrade", before, after);
        assertEquals(ReplyCode.ACCEPTED, mobileNode("192.0.2.151").register(GRANTED).code());
        assertEquals(TestMobileNode.ipv4("192.0.2.151"), after.find(HOME_ADDRESS).get(0).careOfAddress());
        assertEquals(before.size(), await(BindingBackupStatus.class).lastRestore().restored());
    }

    /** The homeagent, homeagent-ha, homeagent-dataplane and homeagent-core features again, with our bundles at {@code version}. */
    private Path rebuiltRelease(Path dir, String version) throws Exception {
        Path store = rebuiltBundle("net.homeagent.binding-store", dir, version);
        Path homeAgent = rebuiltBundle("net.homeagent.home-agent", dir, version);
        Path shell = rebuiltBundle("net.homeagent.shell", dir, version);
        Path dataPlane = rebuiltBundle("net.homeagent.data-plane", dir, version);
        String xml = "<features name=\"homeagent-" + version + "\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n"
                + "  <feature name=\"homeagent-core\" version=\"" + version + "\">\n"
                + "    <feature>homeagent-api</feature><feature>scr</feature>\n"
                + "    <bundle>" + store.toUri() + "</bundle>\n  </feature>\n"
                + "  <feature name=\"homeagent-ha\" version=\"" + version + "\">\n"
                + "    <feature version=\"" + version + "\">homeagent-core</feature>\n"
                + "    <bundle>" + homeAgent.toUri() + "</bundle>\n  </feature>\n"
                + "  <feature name=\"homeagent-dataplane\" version=\"" + version + "\">\n"
                + "    <feature version=\"" + version + "\">homeagent-core</feature>\n"
                + "    <bundle>mvn:net.java.dev.jna/jna/5.17.0</bundle>\n"
                + "    <bundle>" + dataPlane.toUri() + "</bundle>\n  </feature>\n"
                + "  <feature name=\"homeagent\" version=\"" + version + "\">\n"
                + "    <feature version=\"" + version + "\">homeagent-ha</feature>\n"
                + "    <feature version=\"" + version + "\">homeagent-dataplane</feature>\n"
                + "    <conditional><condition>shell</condition><bundle>" + shell.toUri() + "</bundle></conditional>\n"
                + "  </feature>\n</features>\n";
        return Files.writeString(dir.resolve("features.xml"), xml);
    }

    /** The installed bundle's jar with another Bundle-Version: a rebuild of the same code. */
    private Path rebuiltBundle(String symbolicName, Path dir, String version) throws Exception {
        Path jar = dir.resolve(symbolicName + "-" + version + ".jar");
        try (InputStream original = new URL(bundleNamed(symbolicName).getLocation()).openStream();
                JarInputStream in = new JarInputStream(original)) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private void assertAllThere(String updated, List<Binding> before, BindingStore store) {
        Instant now = Instant.now();
        List<Binding> after = store.list(b -> true);
        assertEquals("bindings after updating " + updated, keys(before), keys(after));
        for (Binding b : after) {
            long remaining = b.remainingSeconds(now);
            assertTrue(b.homeAddress() + " remaining " + remaining + " s after updating " + updated,
                    remaining > 0 && remaining <= b.grantedLifetime());
        }
    }

    private static List<String> keys(List<Binding> bindings) {
        List<String> keys = new ArrayList<>();
        bindings.forEach(b -> keys.add(b.homeAddress().getHostAddress() + "@" + b.careOfAddress().getHostAddress()));
        return keys;
    }

    private static Binding binding(Inet4Address home, Inet4Address careOf) {
        Instant now = Instant.now();
        return new Binding(home, careOf, TestMobileNode.ipv4("127.0.0.1"), careOf, 434, Optional.empty(), GRANTED, now,
                now.plusSeconds(GRANTED), 1, 0, Encapsulation.IP_IN_IP, false);
    }

    private static TestMobileNode mobileNode(String careOf) {
        return new TestMobileNode(HOME_ADDRESS, TestMobileNode.ipv4(careOf), TestMobileNode.ipv4("127.0.0.1"),
                Integer.getInteger(ApplianceOptions.PORT_PROPERTY));
    }

    private Bundle bundleNamed(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    /** The service as it is now: after an update it is a new instance, so it is never injected. */
    private <S> S await(Class<S> type) throws InterruptedException {
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
}
