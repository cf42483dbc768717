package net.homeagent.mip6.forward;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.codec.mip6.InternetChecksum;
import net.homeagent.mip.codec.mip6.Ipv6Fields;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.PacketSink;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.registration.Ipv6Prefix;

/**
 * The data path of the home agent and the MAP, in user space (docs/mip6.md, "Forwarding"): this
 * kernel has no ip6tnl, so the home prefixes and the MAP prefixes are routed into the signalling
 * device, and a packet for a bound address is encapsulated here, IPv6 in IPv6 (RFC 2473 §3: outer
 * source the role's first address, destination the care-of address, next header 41), and written
 * back into the device, which the host forwards towards the care-of address (RFC 6275 §10.4.1,
 * RFC 5380 §6.2 for a regional care-of address). A packet the mobile node tunnels to one of the
 * role's addresses (reverse tunnelling, RFC 6275 §10.4.5) is decapsulated when its outer source is
 * the care-of address of its inner source's binding, and the inner packet is written back for the
 * host to forward. Everything else is left to the signalling path. Never throws on what a packet
 * holds: what it cannot forward is counted.
 */
public final class TunnelForwarder {

    static final int HEADER = 40;
    static final int IPV6_IN_IPV6 = 41;
    static final int ICMPV6 = InternetChecksum.ICMPV6;
    static final int HOP_LIMIT = 64;
    /** RFC 8200 §5: every link carries 1280 octets; an ICMPv6 error is no longer (RFC 4443 §2.4 (c)). */
    static final int MINIMUM_MTU = 1280;

    /**
     * A role that tunnels: its binding cache, the address its tunnels leave from, every address of it
     * (reverse tunnels end there) and the prefixes routed to it (their addresses are its to tunnel).
     */
    public record Anchor(BindingCache cache, Inet6Address tunnelSource, Set<Inet6Address> addresses,
            List<Ipv6Prefix> prefixes) {

        public Anchor {
            addresses = Set.copyOf(addresses);
            prefixes = List.copyOf(prefixes);
        }
    }

    private final List<Anchor> anchors;
    private final PacketSink sink;
    private final Mip6Counters counters;
    private final int linkMtu;

    /** @param linkMtu the MTU of the path to the care-of addresses: a packet longer than it less 40 is too big */
    public TunnelForwarder(List<Anchor> anchors, PacketSink sink, Mip6Counters counters, int linkMtu) {
        if (linkMtu < MINIMUM_MTU + HEADER) {
            throw new IllegalArgumentException("tunnel link MTU below " + (MINIMUM_MTU + HEADER) + ": " + linkMtu);
        }
        this.anchors = List.copyOf(anchors);
        this.sink = sink;
        this.counters = counters;
        this.linkMtu = linkMtu;
    }

    /** @return whether the packet was the data path's (forwarded, or dropped and counted), not signalling */
    public boolean handle(ByteBuf packet) {
        int start = packet.readerIndex();
        if (packet.readableBytes() < HEADER || (packet.getUnsignedByte(start) >>> 4) != 6) {
            return false; // the signalling path counts what is no IPv6 packet
        }
        Inet6Address destination = Ipv6Fields.read(packet, start + 24);
        for (Anchor anchor : anchors) {
            if (anchor.addresses().contains(destination)) {
                return packet.getUnsignedByte(start + 6) == IPV6_IN_IPV6 && decapsulate(anchor, packet);
            }
        }
        for (Anchor anchor : anchors) {
            Optional<Mip6Binding> binding = anchor.cache().get(destination);
            if (binding.isPresent()) {
                encapsulate(anchor, binding.get(), packet);
                return true;
            }
        }
        if (anchors.stream().anyMatch(anchor -> anchor.prefixes().stream().anyMatch(p -> p.contains(destination)))) {
            counters.count(Counter.NOT_BOUND); // a routed prefix's address without a binding: nobody to tunnel to
            return true;
        }
        return false; // another role's address (a correspondent's), or not ours at all
    }

    private void encapsulate(Anchor anchor, Mip6Binding binding, ByteBuf packet) {
        int length = packet.readableBytes();
        if (length + HEADER > linkMtu) {
            counters.count(Counter.TOO_BIG);
            tooBig(anchor.tunnelSource(), packet);
            return;
        }
        ByteBuf outer = Unpooled.buffer(HEADER + length);
        try {
            writeHeader(outer, length, IPV6_IN_IPV6, anchor.tunnelSource(), binding.careOfAddress());
            outer.writeBytes(packet, packet.readerIndex(), length);
            send(outer, Counter.TUNNELLED);
        } finally {
            outer.release();
        }
    }

    /** RFC 6275 §10.4.5: only the care-of address of the inner source's binding may tunnel to us. */
    private boolean decapsulate(Anchor anchor, ByteBuf packet) {
        int start = packet.readerIndex();
        int payload = packet.getUnsignedShort(start + 4);
        int inner = start + HEADER;
        if (payload < HEADER || payload > packet.readableBytes() - HEADER || (packet.getUnsignedByte(inner) >>> 4) != 6
                || packet.getUnsignedShort(inner + 4) != payload - HEADER) {
            counters.count(Counter.REVERSE_REFUSED);
            return true;
        }
        Inet6Address careOf = Ipv6Fields.read(packet, start + 8);
        Optional<Mip6Binding> binding = anchor.cache().get(Ipv6Fields.read(packet, inner + 8));
        if (binding.isEmpty() || !binding.get().careOfAddress().equals(careOf)) {
            counters.count(Counter.REVERSE_REFUSED);
            return true;
        }
        send(packet.slice(inner, payload), Counter.REVERSE_TUNNELLED);
        return true;
    }

    /**
     * RFC 2473 §7.1 and RFC 4443 §3.2: a packet too big for the tunnel is answered with Packet Too
     * Big to its source, the MTU the tunnel leaves it, as much of the packet as 1280 octets hold;
     * never for an ICMPv6 error (RFC 4443 §2.4 (e)) nor to an unspecified or multicast source.
     */
    private void tooBig(Inet6Address from, ByteBuf packet) {
        int start = packet.readerIndex();
        Inet6Address source = Ipv6Fields.read(packet, start + 8);
        boolean icmpError = packet.getUnsignedByte(start + 6) == ICMPV6 && packet.getUnsignedByte(start + HEADER) < 128;
        if (icmpError || source.isMulticastAddress() || source.isAnyLocalAddress()) {
            return;
        }
        int quoted = Math.min(packet.readableBytes(), MINIMUM_MTU - HEADER - 8);
        ByteBuf error = Unpooled.buffer(HEADER + 8 + quoted);
        try {
            writeHeader(error, 8 + quoted, ICMPV6, from, source);
            int icmp = error.writerIndex();
            error.writeByte(2).writeByte(0).writeShort(0).writeInt(linkMtu - HEADER);
            error.writeBytes(packet, start, quoted);
            error.setShort(icmp + 2, InternetChecksum.compute(from, source, ICMPV6, error, icmp, 8 + quoted));
            send(error, Counter.TOO_BIG_ANSWERED);
        } finally {
            error.release();
        }
    }

    private static void writeHeader(ByteBuf out, int payloadLength, int nextHeader, Inet6Address source,
            Inet6Address destination) {
        out.writeInt(6 << 28); // version 6, traffic class and flow label 0 (RFC 2473 §6.3, §6.4)
        out.writeShort(payloadLength).writeByte(nextHeader).writeByte(HOP_LIMIT);
        out.writeBytes(source.getAddress()).writeBytes(destination.getAddress());
    }

    private void send(ByteBuf packet, Counter counter) {
        if (sink.send(packet)) {
            counters.count(counter);
        } else {
            counters.count(Counter.SEND_FAILURES);
        }
    }
}
