package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * What the data plane needs to forward for one binding.
 *
 * @param key           home address and care-of address
 * @param source        the outer source address of the tunnel: the home agent's own address, or
 *                      for a secondary home agent the primary's (load balancing), so it is a
 *                      parameter, never assumed
 * @param encapsulation IP in IP, minimal, GRE or UDP
 * @param reverseTunnel reverse tunnelling granted (RFC 3024): datagrams tunnelled from the care-of
 *                      address are accepted
 * @param udpPeer       for UDP tunnelling (RFC 3519) the NAT's mapping of the mobile node, i.e. the
 *                      registration's source address and port; empty otherwise
 * @param innerEncapsulation for UDP tunnelling, what is carried inside UDP (RFC 3519 §3.1: IP in IP,
 *                      GRE or minimal); IP in IP otherwise ({@link Binding#innerEncapsulation})
 */
public record TunnelSpec(BindingKey key, Inet4Address source, Encapsulation encapsulation, boolean reverseTunnel,
        Optional<InetSocketAddress> udpPeer, Encapsulation innerEncapsulation) {

    /** By home address, then care-of address, as numbers (the order of listings). */
    public static final Comparator<TunnelSpec> BY_ADDRESSES = Comparator
            .comparingLong((TunnelSpec s) -> Ipv4.toUnsigned(s.homeAddress()))
            .thenComparingLong(s -> Ipv4.toUnsigned(s.careOfAddress()));

    public TunnelSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(encapsulation, "encapsulation");
        Objects.requireNonNull(udpPeer, "udpPeer");
        if (encapsulation == Encapsulation.UDP && udpPeer.isEmpty()) {
            throw new IllegalArgumentException("a UDP tunnel (RFC 3519) needs the NAT's address and port");
        }
        Encapsulation.requireInner(encapsulation, innerEncapsulation);
    }

    /** A tunnel that, if it is UDP, carries IP in IP (the 1.0 constructor). */
    public TunnelSpec(BindingKey key, Inet4Address source, Encapsulation encapsulation, boolean reverseTunnel,
            Optional<InetSocketAddress> udpPeer) {
        this(key, source, encapsulation, reverseTunnel, udpPeer, Encapsulation.IP_IN_IP);
    }

    /** The tunnel of a binding, with the home agent address it registered with as source. */
    public static TunnelSpec of(Binding binding) {
        return of(binding, binding.homeAgent());
    }

    /** The tunnel of a binding with another source (a secondary home agent uses the primary's address). */
    public static TunnelSpec of(Binding binding, Inet4Address source) {
        Optional<InetSocketAddress> peer = binding.encapsulation() == Encapsulation.UDP
                ? Optional.of(new InetSocketAddress(binding.sourceAddress(), binding.sourcePort()))
                : Optional.empty();
        return new TunnelSpec(binding.key(), source, binding.encapsulation(), binding.reverseTunnel(), peer,
                binding.innerEncapsulation());
    }

    public Inet4Address homeAddress() {
        return key.homeAddress();
    }

    public Inet4Address careOfAddress() {
        return key.careOfAddress();
    }
}
