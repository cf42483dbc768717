package net.homeagent.delegation.bench;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import net.homeagent.delegation.Ticker;
import net.homeagent.delegation.pha.EqualSplit;
import net.homeagent.delegation.pha.LoadSettings;
import net.homeagent.delegation.pha.LocalInterception;
import net.homeagent.delegation.pha.PhaCount;
import net.homeagent.delegation.pha.PhaSettings;
import net.homeagent.delegation.pha.Policies;
import net.homeagent.delegation.pha.PrimaryAgent;
import net.homeagent.delegation.pha.ReplyOrder;
import net.homeagent.delegation.pha.ShaState;
import net.homeagent.delegation.sha.SecondaryAgent;
import net.homeagent.delegation.sha.ShaSettings;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.testing.FakeDataPlane;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerNode;
import net.homeagent.peer.link.PeerLinkComponent;
import net.homeagent.peer.link.PeerLinkConfig;

/**
 * Issue 13's performance figures at the unit level with a real peer link (docs/PERFORMANCE.md,
 * "Delegation"; run by tools/delegation/bench-delegation.sh, not in CI): a PHA and one SHA in this
 * JVM, each on its own peer link (the production {@code PeerLinkComponent}: Netty UDP on 127.0.0.1,
 * HMAC-SHA-256, acks and retransmission), the PHA's {@link PrimaryAgent} on a binding table
 * ({@link HashedBindings}: the appliance's store, with its backup, is not in the figure), the SHA's {@link SecondaryAgent} on a data plane that only records
 * ({@code FakeDataPlane.withoutCallLog()}: its table of tunnels only; the host's routes and ARP are not in
 * the figure).
 *
 * <ol>
 * <li>delegating N bindings to one SHA: N first registrations into the table with the PHA listening
 *     (equal split, one SHA up), timed from the first registration (its Start goes at once) to the
 *     SHA's last acceptance seen by the PHA;
 * <li>registrations per second into the table with the PHA's listener and without it, alternated in
 *     the same JVM, and what the listener adds per registration on the registering thread: in wall
 *     time (which on a shared machine includes the PHA's own thread and the links taking the cores
 *     meanwhile) and in the registering thread's own CPU time (the listener's work alone); with the
 *     process's CPU time over the delegation (both links, both agents), the CPU per delegated
 *     binding.
 * </ol>
 * The PHA runs with its defaults: a window of {@code startsInFlight} Starts per SHA, those due
 * together sent as Batches of {@code startsPerMessage}.
 * Prints one line per figure, then {@code RESULT key=value ...}. Arguments: N (100000), rounds (3).
 */
public final class DelegationMeasurement {

    private static final Inet4Address PHA_ADDRESS = (Inet4Address) address("127.0.0.1");
    private static final Instant NOW = Instant.now();

    private DelegationMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path keys = Files.createTempFile("dlg-bench-keys", ".conf");
        Files.writeString(keys, "1 hmac-sha256 0x" + "6b".repeat(32) + " send\n");
        try {
            List<Binding> bindings = bindings(n);
            List<String> results = new ArrayList<>();
            warmUp(keys);
            for (int round = 1; round <= rounds; round++) {
                Registered without = registerAll(new HashedBindings(), bindings);
                Delegated with = delegate(keys, bindings);
                double offRate = n * 1e9 / without.wallNanos;
                double onRate = n * 1e9 / with.registering.wallNanos;
                double addedMicros = (with.registering.wallNanos - without.wallNanos) / 1e3 / n;
                double offCpu = without.threadCpuNanos / 1e3 / n;
                double onCpu = with.registering.threadCpuNanos / 1e3 / n;
                double cpuMicros = with.cpuNanos / 1e3 / n;
                String delegated = with.accepted >= n ? "first Start to last Ack " + with.allAckedMillis + " ms"
                        : "NOT all acknowledged within the wait of " + with.allAckedMillis + " ms";
                System.out.printf("round %d: %,d delegated to one SHA, %s (%,d accepted), "
                        + "%.1f us of CPU per delegated binding (PHA + SHA + both links); registrations into the "
                        + "table without the PHA's listener %.0f/s, with it %.0f/s: %.2f us of wall time added per "
                        + "registration; the registering thread's CPU %.2f us per registration without, %.2f us with "
                        + "(%+.2f us: the listener's own work)%n", round, n, delegated, with.accepted, cpuMicros,
                        offRate, onRate, addedMicros, offCpu, onCpu, onCpu - offCpu);
                results.add(String.format("round%d_delegate_ms=%d round%d_accepted=%d round%d_cpu_us=%.1f "
                        + "round%d_off_per_s=%.0f round%d_on_per_s=%.0f round%d_added_us=%.2f round%d_off_cpu_us=%.2f "
                        + "round%d_on_cpu_us=%.2f", round, with.allAckedMillis, round, with.accepted, round, cpuMicros,
                        round, offRate, round, onRate, round, addedMicros, round, offCpu, round, onCpu));
            }
            System.out.println("RESULT n=" + n + " " + String.join(" ", results));
        } finally {
            Files.deleteIfExists(keys);
        }
    }

    private record Delegated(Registered registering, long allAckedMillis, long accepted, long cpuNanos) {
    }

    /** N registrations: wall time, and the CPU time of the thread that made them. */
    private record Registered(long wallNanos, long threadCpuNanos) {
    }

    /** CPU time of this JVM, every thread (both links, both agents, the collector). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void warmUp(Path keys) throws IOException, InterruptedException {
        List<Binding> few = bindings(20_000);
        registerAll(new HashedBindings(), few);
        delegate(keys, few);
    }

    /** A PHA and an SHA on two fresh links; N first registrations; waits for every acceptance (at most a minute). */
    private static Delegated delegate(Path keys, List<Binding> bindings) throws IOException, InterruptedException {
        int[] ports = freePorts();
        int phaPort = ports[0];
        int shaPort = ports[1];
        PeerNode phaNode = new PeerNode(1, new InetSocketAddress(PHA_ADDRESS, phaPort));
        PeerNode shaNode = new PeerNode(2, new InetSocketAddress(PHA_ADDRESS, shaPort));
        AtomicReference<PeerLink> phaLink = new AtomicReference<>();
        AtomicReference<PeerLink> shaLink = new AtomicReference<>();
        PeerLinkComponent phaComponent = new PeerLinkComponent(config(1, phaPort, "2@127.0.0.1:" + shaPort, keys),
                context(phaLink));
        PeerLinkComponent shaComponent = new PeerLinkComponent(config(2, shaPort, "1@127.0.0.1:" + phaPort, keys),
                context(shaLink));
        if (phaLink.get() == null || shaLink.get() == null) {
            throw new IllegalStateException("peer link not started: " + phaComponent.state() + "; " + shaComponent.state());
        }
        HashedBindings store = new HashedBindings();
        LoadSettings load = LoadSettings.DEFAULTS;
        // the SHA's channel opens first: the PHA's first heartbeat finds it
        Ticker phaTicks = new Ticker("bench-pha");
        Ticker shaThread = new Ticker("bench-sha");
        SecondaryAgent sha = new SecondaryAgent(new ShaSettings(phaNode, 0, Duration.ofMillis(200)), shaLink.get(),
                FakeDataPlane.withoutCallLog(), Clock.systemUTC(), shaThread, e -> { });
        PrimaryAgent pha = new PrimaryAgent(new PhaSettings(List.of(shaNode), EqualSplit.NAME, ReplyOrder.AT_ONCE,
                Duration.ofSeconds(30), Duration.ofMillis(200), 50, load), phaLink.get(), store, Clock.systemUTC(),
                phaTicks, Policies.standard(EqualSplit.NAME, load), new LocalInterception(), key -> Optional.empty(), e -> { });
        try {
            phaTicks.every(Duration.ofMillis(20), pha::tick);
            shaThread.every(Duration.ofMillis(200), sha::tick);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (pha.shas().get(0).state() != ShaState.UP && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            store.listen(pha);
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            Registered registering = registerAll(store, bindings);
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pha.counts().get(PhaCount.STARTS_ACCEPTED) < bindings.size() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            long acked = (System.nanoTime() - start) / 1_000_000;
            long cpu = processCpuNanos() - cpuBefore;
            return new Delegated(registering, acked, pha.counts().get(PhaCount.STARTS_ACCEPTED), cpu);
        } finally {
            phaTicks.close();
            pha.close();
            sha.close();
            shaThread.close();
            deactivate(phaComponent);
            deactivate(shaComponent);
        }
    }

    /** What Declarative Services does when the component goes: its @Deactivate method (package-private). */
    private static void deactivate(PeerLinkComponent component) {
        try {
            java.lang.reflect.Method stop = PeerLinkComponent.class.getDeclaredMethod("stop");
            stop.setAccessible(true);
            stop.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot stop the peer link", e);
        }
    }

    private static Registered registerAll(HashedBindings store, List<Binding> bindings) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (Binding binding : bindings) {
            store.register(binding, false);
        }
        return new Registered(System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpu);
    }

    private static List<Binding> bindings(int n) {
        List<Binding> all = new ArrayList<>(n);
        int firstHome = Ipv4.toInt((Inet4Address) address("10.64.0.0"));
        for (int i = 0; i < n; i++) {
            Inet4Address home = Ipv4.of(firstHome + i);
            Inet4Address careOf = (Inet4Address) address("198.51.100." + (1 + i % 250));
            all.add(new Binding(home, careOf, PHA_ADDRESS, careOf, 434, Optional.empty(), 1800, NOW,
                    NOW.plusSeconds(1800), 1, 0, Encapsulation.IP_IN_IP, true));
        }
        return all;
    }

    /** The peer link's configuration as ConfigAdmin would hand it (the defaults but for these). */
    private static PeerLinkConfig config(int nodeId, int port, String peer, Path keys) {
        Map<String, Object> values = Map.of("enabled", true, "nodeId", nodeId, "groupId", 13, "bindAddress",
                "127.0.0.1", "port", port, "peers", new String[] {peer}, "keysFile", keys.toString());
        return (PeerLinkConfig) Proxy.newProxyInstance(PeerLinkConfig.class.getClassLoader(),
                new Class<?>[] {PeerLinkConfig.class}, (proxy, method, arguments) -> {
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }

    /** A bundle context that only hands the registered link over. */
    private static BundleContext context(AtomicReference<PeerLink> registered) {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                ServiceRegistration.class.getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                (proxy, method, arguments) -> null);
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("registerService") && arguments[1] instanceof PeerLink link) {
                        registered.set(link);
                        return registration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Two UDP ports free now, distinct: both probes are open together. */
    private static int[] freePorts() throws IOException {
        try (DatagramSocket one = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket two = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new int[] {one.getLocalPort(), two.getLocalPort()};
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
