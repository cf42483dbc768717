package net.homeagent.mip6.homelink;

import static net.homeagent.mip6.Addresses.v6;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;

class HomeLinkProxyTest {

    private static final byte[] MAC = HexFormat.of().parseHex("020000000001");

    /** The host as the proxy sees it: what is proxied, every batch, every advertisement. */
    private static final class FakeHost implements HomeLinkProxy.Host {
        final Set<Inet6Address> proxies = ConcurrentHashMap.newKeySet();
        final List<String> batches = new ArrayList<>();
        final List<byte[]> advertisements = new ArrayList<>();
        volatile CountDownLatch advertised = new CountDownLatch(0);
        volatile boolean refuse;

        @Override
        public List<Inet6Address> proxies() {
            return List.copyOf(proxies);
        }

        @Override
        public synchronized int apply(List<Inet6Address> add, List<Inet6Address> remove) throws IOException {
            if (refuse) {
                throw new IOException("ip: no answer");
            }
            batches.add("+" + add.stream().map(Inet6Address::getHostAddress).sorted().toList()
                    + " -" + remove.stream().map(Inet6Address::getHostAddress).sorted().toList());
            proxies.addAll(add);
            remove.forEach(proxies::remove);
            return 0;
        }

        @Override
        public byte[] hardwareAddress() {
            return MAC.clone();
        }

        @Override
        public synchronized void multicast(byte[] message) {
            advertisements.add(message);
            advertised.countDown();
        }
    }

    private final Set<Inet6Address> bound = ConcurrentHashMap.newKeySet();
    private final FakeHost host = new FakeHost();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Mip6Counters counters = new Mip6Counters();
    private final HomeLinkProxy proxy = new HomeLinkProxy(bound::contains, host, executor, 1, 1_000_000, counters);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Waits until the proxy's thread has done what was handed to it (one thread: in order). */
    private void settle() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBoundHomeAddressIsProxiedAndAdvertisedThreeTimesWithTheOverrideFlag() throws Exception {
        host.advertised = new CountDownLatch(3);
        bound.add(v6("2001:db8:100::1:1"));
        proxy.start(List.of());
        proxy.changed(v6("2001:db8:100::1:1"));

        assertThat(host.advertised.await(10, TimeUnit.SECONDS)).isTrue();
        settle();
        assertThat(host.proxies).containsExactly(v6("2001:db8:100::1:1"));
        assertThat(host.advertisements).hasSize(3);
        byte[] advertisement = host.advertisements.get(0);
        assertThat(advertisement[0] & 0xff).as("type: Neighbor Advertisement").isEqualTo(136);
        assertThat(advertisement[4] & 0xff).as("R and S clear, O set (RFC 6275 §10.4.1)").isEqualTo(0x20);
        assertThat(Arrays.copyOfRange(advertisement, 8, 24)).isEqualTo(v6("2001:db8:100::1:1").getAddress());
        assertThat(Arrays.copyOfRange(advertisement, 24, 32)).as("Target Link-layer Address option, 8 octets")
                .isEqualTo(HexFormat.of().parseHex("0201020000000001"));
        assertThat(counters.get(Counter.PROXY_ADDED)).isEqualTo(1);
        assertThat(counters.get(Counter.ADVERTISEMENTS_SENT)).isEqualTo(3);
        assertThat(proxy.proxied()).isEqualTo(1);
    }

    @Test
    void changesMadeBeforeTheThreadRunsAreOneBatchAndAnEndedBindingIsWithdrawn() throws Exception {
        bound.addAll(List.of(v6("2001:db8:100::1"), v6("2001:db8:100::2")));
        proxy.start(List.copyOf(bound));
        settle();
        assertThat(host.batches).containsExactly("+[2001:db8:100:0:0:0:0:1, 2001:db8:100:0:0:0:0:2] -[]");

        bound.remove(v6("2001:db8:100::2"));
        proxy.changed(v6("2001:db8:100::2"));
        proxy.changed(v6("2001:db8:100::1")); // a renewal: nothing to do
        settle();

        assertThat(host.batches).containsExactly("+[2001:db8:100:0:0:0:0:1, 2001:db8:100:0:0:0:0:2] -[]",
                "+[] -[2001:db8:100:0:0:0:0:2]");
        assertThat(host.proxies).containsExactly(v6("2001:db8:100::1"));
        assertThat(counters.get(Counter.PROXY_REMOVED)).isEqualTo(1);
    }

    @Test
    void atStartTheHostsLeftoversWithoutABindingAreWithdrawnAndTheRestRoutedAndAdvertisedAgain() throws Exception {
        // after a kill -9: the kernel kept three proxy entries (their routes went with the old
        // device), recovery restored one binding
        host.advertised = new CountDownLatch(3);
        host.proxies.addAll(List.of(v6("2001:db8:100::1"), v6("2001:db8:100::2"), v6("2001:db8:100::3")));
        bound.add(v6("2001:db8:100::1"));
        proxy.start(List.of(v6("2001:db8:100::1")));
        settle();

        assertThat(host.proxies).containsExactly(v6("2001:db8:100::1"));
        assertThat(host.batches).containsExactly(
                "+[2001:db8:100:0:0:0:0:1] -[2001:db8:100:0:0:0:0:2, 2001:db8:100:0:0:0:0:3]");
        assertThat(host.advertised.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(counters.get(Counter.PROXY_REMOVED)).isEqualTo(2);

        proxy.changed(v6("2001:db8:100::3")); // a leftover is looked at once
        settle();
        assertThat(host.batches).hasSize(1);
    }

    @Test
    void aRefusedBatchIsCountedAndTriedAgainAtTheNextChange() throws Exception {
        host.refuse = true;
        bound.add(v6("2001:db8:100::1"));
        proxy.start(List.of(v6("2001:db8:100::1")));
        settle();
        assertThat(counters.get(Counter.PROXY_FAILED)).isEqualTo(1);
        assertThat(host.proxies).isEmpty();

        host.refuse = false;
        proxy.changed(v6("2001:db8:100::1"));
        settle();
        assertThat(host.proxies).containsExactly(v6("2001:db8:100::1"));
    }

    @Test
    void anOrderlyStopWithdrawsEveryEntry() throws Exception {
        bound.addAll(List.of(v6("2001:db8:100::1"), v6("2001:db8:100::2")));
        proxy.start(List.copyOf(bound));
        settle();

        proxy.close();

        assertThat(host.proxies).isEmpty();
        assertThat(executor.isShutdown()).isTrue();
    }
}
