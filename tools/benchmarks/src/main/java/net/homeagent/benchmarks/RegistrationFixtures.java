package net.homeagent.benchmarks;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.ha.HomeAgentSettings;
import net.homeagent.ha.registration.PolicyStage;
import net.homeagent.ha.registration.RegistrationProcessor;
import net.homeagent.ha.statistics.HomeAgentStatistics;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Mobile nodes as the load generator makes them (home address 10.128.0.0 + i, SPI 256 + i, a
 * 128-bit HMAC-MD5 key each, timestamp replay protection) and the home agent they register with
 * (127.0.0.1, the appliance's defaults, max lifetime 65534 s), for the benchmarks.
 */
final class RegistrationFixtures {

    static final Inet4Address HOME_AGENT = Ipv4.of(0x7f00_0001);
    static final InetSocketAddress RECEIVED_ON = new InetSocketAddress(HOME_AGENT, 434);
    static final Inet4Address FOREIGN_AGENT_ADDRESS = Ipv4.of(0xc000_0201);
    static final InetSocketAddress FOREIGN_AGENT = new InetSocketAddress(FOREIGN_AGENT_ADDRESS, 434);
    private static final int HOME_BASE = 0x0a80_0000;
    private static final int CARE_OF_BASE = 0xc612_0000;
    private static final long SPI_BASE = 256;
    static final int LIFETIME = 600;

    final MipCodec codec = MipCodec.standard();
    final MapSecurityAssociations associations;
    private final int nodes;

    RegistrationFixtures(int nodes) {
        this.nodes = nodes;
        this.associations = new MapSecurityAssociations(nodes);
        SplittableRandom keys = new SplittableRandom(1);
        for (int i = 0; i < nodes; i++) {
            byte[] key = new byte[16];
            keys.nextBytes(key);
            associations.add(new SecurityAssociation(Optional.of(homeAddress(i)), Optional.empty(), SPI_BASE + i,
                    AuthenticationAlgorithm.HMAC_MD5, key, ReplayProtection.TIMESTAMP));
        }
    }

    /** The appliance's defaults, with the given timestamp skew (RFC 5944 §5.7.1). */
    static HomeAgentSettings settings(Duration timestampSkew) {
        return new HomeAgentSettings(List.of(HOME_AGENT), 434, 4 * 1024 * 1024, 1, 16, List.of(), 65_534, 5, timestampSkew,
                EnumSet.of(Encapsulation.IP_IN_IP, Encapsulation.GRE, Encapsulation.MINIMAL), true, false, true, 110,
                List.of(), Duration.ofSeconds(5));
    }

    RegistrationProcessor processor(BindingStore store, Clock clock) {
        return processor(store, clock, Duration.ofSeconds(7));
    }

    RegistrationProcessor processor(BindingStore store, Clock clock, Duration timestampSkew) {
        return new RegistrationProcessor(store, associations, settings(timestampSkew), clock,
                PolicyStage.none(), new HomeAgentStatistics());
    }

    int nodes() {
        return nodes;
    }

    static Inet4Address homeAddress(int node) {
        return Ipv4.of(HOME_BASE + node);
    }

    /** The wire bytes of node's Registration Request, signed with its key (RFC 5944 §3.5.2). */
    byte[] request(int node, long identification, int lifetime) {
        SecurityAssociation sa = associations.forHomeAddress(homeAddress(node), SPI_BASE + node).orElseThrow();
        RegistrationRequest request = new RegistrationRequest(0, lifetime, homeAddress(node), HOME_AGENT,
                Ipv4.of(CARE_OF_BASE + node % (1 << 17)), identification,
                List.of(AuthenticationExtension.mobileHome(SPI_BASE + node)));
        ByteBuf out = Unpooled.buffer(128);
        codec.encode(request, out, (ext, data, offset, length) -> sa.authenticate(data, offset, length));
        byte[] wire = new byte[out.readableBytes()];
        out.readBytes(wire);
        return wire;
    }

    /** RFC 5944 §5.7.1: the identification of a timestamp is the NTP format of the time. */
    static long ntp(Instant instant) {
        long seconds = instant.getEpochSecond() + 2_208_988_800L;
        return (seconds << 32) | (((long) instant.getNano() << 32) / 1_000_000_000L);
    }
}
