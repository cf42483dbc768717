package net.homeagent.ha;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The registration and transport part of {@link HomeAgentConfig}, checked and converted once: addresses parsed, pools built, numbers in
 * range. A bad entry is logged at ERROR with its key and left out (or its default used), so that
 * one typo does not take the whole home agent down.
 *
 * @param listenAddresses        local addresses to bind; 0.0.0.0 = every IPv4 address of the host
 * @param port                   UDP port
 * @param receiveBufferBytes     SO_RCVBUF of each registration socket
 * @param eventLoops             event loop threads, at least 1 (0 in the configuration = cores)
 * @param receiveBatch           datagrams read per recvmmsg, 1-1024
 * @param homeAgentAddresses     addresses accepted in the Home Agent field; empty = the address a
 *                               request was received on
 * @param maxLifetime            longest lifetime granted, 1-65535 s
 * @param maxSimultaneousBindings care-of addresses per home address, at least 1
 * @param timestampSkew          allowed timestamp difference (RFC 5944 §5.7.1)
 * @param encapsulations         tunnel encapsulations offered (UDP is governed by udpTunnelling)
 * @param reverseTunnelling      RFC 3024 offered
 * @param reverseTunnelMandatory RFC 3024 required
 * @param udpTunnelling          RFC 3519 offered
 * @param udpKeepaliveInterval   seconds, 0-65535 (RFC 3519 §3.2)
 * @param addressPools           dynamic home address pools (RFC 2794)
 * @param policyTimeout          longest wait for a late verdict of the policy stage, 1 ms-10 min
 */
public record HomeAgentSettings(List<Inet4Address> listenAddresses, int port, int receiveBufferBytes,
        int eventLoops, int receiveBatch, List<Inet4Address> homeAgentAddresses,
        int maxLifetime, int maxSimultaneousBindings, Duration timestampSkew, Set<Encapsulation> encapsulations,
        boolean reverseTunnelling, boolean reverseTunnelMandatory, boolean udpTunnelling, int udpKeepaliveInterval,
        List<AddressPool> addressPools, Duration policyTimeout) {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAgentSettings.class);
    private static final String CFG = "etc/" + HomeAgentConfig.PID + ".cfg";

    public HomeAgentSettings {
        listenAddresses = List.copyOf(listenAddresses);
        homeAgentAddresses = List.copyOf(homeAgentAddresses);
        encapsulations = encapsulations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(encapsulations));
        addressPools = List.copyOf(addressPools);
    }

    public static HomeAgentSettings from(HomeAgentConfig config) {
        List<Inet4Address> listen = parseEach("listenAddresses", config.listenAddresses(), HomeAgentSettings::address);
        if (listen.isEmpty()) {
            LOG.error("listenAddresses in {} has no valid address; listening on 0.0.0.0 (every address)", CFG);
            listen = List.of(Ipv4.UNSPECIFIED);
        }
        Set<Encapsulation> encapsulations = EnumSet.noneOf(Encapsulation.class);
        encapsulations.addAll(parseEach("encapsulations", config.encapsulations(), HomeAgentSettings::encapsulation));
        if (!encapsulations.contains(Encapsulation.IP_IN_IP)) {
            // RFC 5944 §4.1: home agents MUST support IP in IP; the operator may still turn it off.
            LOG.warn("encapsulations in {} does not offer ip-in-ip, which RFC 5944 §4.1 requires of every home"
                    + " agent; requests without M or G will be refused with code 139", CFG);
        }
        if (config.reverseTunnelMandatory() && !config.reverseTunnelling()) {
            LOG.error("{} has reverseTunnelMandatory=true but reverseTunnelling=false: every registration will be"
                    + " refused (137 or 138)", CFG);
        }
        return new HomeAgentSettings(listen,
                inRange("port", config.port(), 0, 65535, 434),
                inRange("receiveBufferBytes", config.receiveBufferBytes(), 65_536, Integer.MAX_VALUE, 4 * 1024 * 1024),
                eventLoops(inRange("eventLoops", config.eventLoops(), 0, 1024, 0)),
                inRange("receiveBatch", config.receiveBatch(), 1, 1024, 16),
                parseEach("homeAgentAddresses", config.homeAgentAddresses(), HomeAgentSettings::address),
                inRange("maxLifetime", config.maxLifetime(), 1, Binding.INFINITE_LIFETIME, 1800),
                inRange("maxSimultaneousBindings", config.maxSimultaneousBindings(), 1, Integer.MAX_VALUE, 5),
                Duration.ofSeconds(inRange("timestampSkew", config.timestampSkew(), 0, 86_400, 7)),
                encapsulations, config.reverseTunnelling(), config.reverseTunnelMandatory(), config.udpTunnelling(),
                inRange("udpKeepaliveInterval", config.udpKeepaliveInterval(), 0, 65535, 110),
                parseEach("addressPools", config.addressPools(), AddressPool::parse),
                Duration.ofMillis(inRange("policyTimeoutMillis", config.policyTimeoutMillis(), 1, 600_000, 5000)));
    }

    private static int eventLoops(int configured) {
        return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
    }

    /** Splits multi-value keys given as one comma or space separated text, as .cfg files give them. */
    static List<String> items(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split("[,\\s]+"))).filter(s -> !s.isEmpty())
                .toList();
    }

    private static <T> List<T> parseEach(String key, String[] values, Function<String, T> parser) {
        List<T> parsed = new ArrayList<>();
        for (String item : items(values)) {
            try {
                parsed.add(parser.apply(item));
            } catch (IllegalArgumentException e) {
                LOG.error("{} in {}: '{}' ignored: {}", key, CFG, item, e.getMessage());
            }
        }
        return parsed;
    }

    private static int inRange(String key, int value, int min, int max, int fallback) {
        if (value < min || value > max) {
            LOG.error("{} in {} is {}, outside {}-{}; using {}", key, CFG, value, min, max, fallback);
            return fallback;
        }
        return value;
    }

    private static Inet4Address address(String text) {
        return Ipv4.parse(text).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address"));
    }

    private static Encapsulation encapsulation(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ip-in-ip" -> Encapsulation.IP_IN_IP;
            case "gre" -> Encapsulation.GRE;
            case "minimal" -> Encapsulation.MINIMAL;
            default -> throw new IllegalArgumentException("unknown encapsulation (expected ip-in-ip, gre or minimal)");
        };
    }

    /** The pool that holds {@code address}, if any. */
    public Optional<AddressPool> poolOf(Inet4Address address) {
        return addressPools.stream().filter(p -> p.contains(address)).findFirst();
    }
}
