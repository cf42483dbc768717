package net.homeagent.mip.codec.mip6;

import static net.homeagent.mip.codec.mip6.Mip6Fixtures.ALTERNATE;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CARE_OF;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CORRESPONDENT;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.HOME;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.HOME_AGENT;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.UNSPECIFIED;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Writes a pcap of IPv6 packets carrying what our encoders produce, for tshark to judge
 * (tools/interop/run-mip6-codec.sh): every MH type, every option, a Binding Update with a Home
 * Address option, a Binding Acknowledgement behind a type 2 routing header, and a Binding Update
 * signed with Binding Authorization Data. Beside {@code <pcap>} it writes {@code <pcap>.expected},
 * one line per packet: the MH Type tshark must find, a tab, a description, a tab, and the fields
 * as we wrote them, named as tshark 4.0 names them ({@code mip6.bu.lifetime=900 ...}).
 *
 * <pre>java -cp ... net.homeagent.mip.codec.mip6.Mip6PcapWriter out.pcap</pre>
 */
public final class Mip6PcapWriter {
    /** LINKTYPE_RAW: each packet starts with its IP header. */
    private static final int LINKTYPE_RAW = 101;
    private static final int HOP_LIMIT = 64;
    private static final int NO_NEXT_HEADER = 59;
    private static final Inet6Address MAP = Mip6Fixtures.ipv6("2001:db8:5::50");
    private static final Inet6Address ON_LINK_CARE_OF = Mip6Fixtures.ipv6("2001:db8:5:1::60");

    private final MobilityHeaderCodec codec = new MobilityHeaderCodec();
    private final List<byte[]> packets = new ArrayList<>();
    private final List<String> expected = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Mip6PcapWriter <out.pcap>");
            System.exit(2);
        }
        Mip6PcapWriter writer = new Mip6PcapWriter();
        writer.addEveryMessage();
        writer.write(Path.of(args[0]));
        System.out.println("wrote " + writer.packets.size() + " packets to " + args[0]);
    }

    private void addEveryMessage() {
        byte[] kbm = ReturnRoutability.kbm(0x0102030405060708L, 0x1112131415161718L);
        List<MobilityOption> unknown = List.of(new UnknownMobilityOption(200, new byte[] {1, 2, 3}));
        plain("Binding Refresh Request", HOME_AGENT, HOME, new BindingRefreshRequest(List.of()));
        plain("Binding Refresh Request with an unknown option", CORRESPONDENT, HOME,
                new BindingRefreshRequest(unknown));
        plain("Home Test Init", HOME, CORRESPONDENT, new HomeTestInit(0x0011223344556677L, List.of()));
        plain("Care-of Test Init", CARE_OF, CORRESPONDENT, new CareOfTestInit(0x8899aabbccddeeffL, List.of()));
        plain("Home Test", CORRESPONDENT, HOME, new HomeTest(7, 0x0011223344556677L, 0x0102030405060708L, List.of()));
        plain("Care-of Test", CORRESPONDENT, CARE_OF,
                new CareOfTest(9, 0x8899aabbccddeeffL, 0x1112131415161718L, List.of()));
        fromCareOf("Binding Update (home registration, Alternate CoA) with a Home Address option", HOME_AGENT,
                new BindingUpdate(4711, true, true, false, true, false, 900,
                        List.of(new AlternateCareOfAddress(ALTERNATE))), null);
        fromCareOf("Binding Update to a correspondent with Nonce Indices and Binding Authorization Data",
                CORRESPONDENT, new BindingUpdate(5, true, false, false, false, false, 75,
                        List.of(new NonceIndices(7, 9))), new BindingAuthorizer(kbm, CARE_OF, CORRESPONDENT));
        plain("local Binding Update to a MAP (RFC 5380 M flag)", ON_LINK_CARE_OF, MAP,
                new BindingUpdate(12, true, false, false, false, true, 150, List.of()));
        toCareOf("Binding Acknowledgement (accepted, Binding Refresh Advice) behind a type 2 routing header",
                HOME_AGENT, new BindingAcknowledgement(0, true, 4711, 900, List.of(new BindingRefreshAdvice(600))));
        toCareOf("Binding Acknowledgement (135, sequence number out of window)", HOME_AGENT,
                new BindingAcknowledgement(135, false, 4700, 0, List.of()));
        plain("Binding Error (2, unrecognized MH Type)", HOME_AGENT, CARE_OF,
                new BindingError(BindingError.UNRECOGNIZED_MH_TYPE, HOME, List.of()));
        plain("Binding Error (1, unknown binding for Home Address option)", CORRESPONDENT, CARE_OF,
                new BindingError(BindingError.UNKNOWN_BINDING_FOR_HOME_ADDRESS, UNSPECIFIED, List.of()));
    }

    /** IPv6 header, then the Mobility Header. */
    private void plain(String name, Inet6Address source, Inet6Address destination, MobilityMessage message) {
        ByteBuf payload = Unpooled.buffer();
        codec.encode(message, source, destination, payload);
        add(name, message, source, destination, MobilityHeaderCodec.NEXT_HEADER, payload);
    }

    /**
     * From the care-of address with a Home Address option: the checksum's source is the home
     * address (RFC 6275 §6.1.1 with §9.3.1). Signed when {@code authorizer} is given.
     */
    private void fromCareOf(String name, Inet6Address destination, MobilityMessage message,
            BindingAuthorizer authorizer) {
        ByteBuf payload = Unpooled.buffer();
        new DestinationOptionsCodec().encode(
                DestinationOptionsHeader.withHomeAddress(MobilityHeaderCodec.NEXT_HEADER, HOME), payload);
        if (authorizer == null) {
            codec.encode(message, HOME, destination, payload);
        } else {
            codec.encodeAuthorized(message, HOME, destination, authorizer, payload);
        }
        add(name, message, CARE_OF, destination, DestinationOptionsCodec.NEXT_HEADER, payload);
    }

    /** To the care-of address through a type 2 routing header: the checksum's destination is the home address. */
    private void toCareOf(String name, Inet6Address source, MobilityMessage message) {
        ByteBuf payload = Unpooled.buffer();
        new Type2RoutingHeaderCodec().encode(Type2RoutingHeader.to(HOME, MobilityHeaderCodec.NEXT_HEADER), payload);
        codec.encode(message, source, HOME, payload);
        add(name, message, source, CARE_OF, Type2RoutingHeader.NEXT_HEADER, payload);
    }

    private void add(String name, MobilityMessage message, Inet6Address source, Inet6Address destination,
            int nextHeader, ByteBuf payload) {
        ByteBuf packet = Unpooled.buffer();
        packet.writeInt(6 << 28);
        packet.writeShort(payload.readableBytes());
        packet.writeByte(nextHeader);
        packet.writeByte(HOP_LIMIT);
        packet.writeBytes(source.getAddress());
        packet.writeBytes(destination.getAddress());
        packet.writeBytes(payload);
        packets.add(ByteBufUtil.getBytes(packet));
        expected.add(message.mhType() + "\t" + name + "\t" + String.join(" ", tsharkFields(message)));
    }

    /** What tshark must read in the packet: the record's values under tshark's field names. */
    private static List<String> tsharkFields(MobilityMessage message) {
        List<String> fields = new ArrayList<>();
        if (message instanceof HomeTestInit m) {
            fields.add(String.format("mip6.hoti.cookie=0x%016x", m.homeInitCookie()));
        } else if (message instanceof CareOfTestInit m) {
            fields.add(String.format("mip6.coti.cookie=0x%016x", m.careOfInitCookie()));
        } else if (message instanceof HomeTest m) {
            fields.add("mip6.hot.nindex=" + m.homeNonceIndex());
            fields.add(String.format("mip6.hot.cookie=0x%016x", m.homeInitCookie()));
            fields.add(String.format("mip6.hot.token=0x%016x", m.homeKeygenToken()));
        } else if (message instanceof CareOfTest m) {
            fields.add("mip6.cot.nindex=" + m.careOfNonceIndex());
            fields.add(String.format("mip6.cot.cookie=0x%016x", m.careOfInitCookie()));
            // tshark 4.0 files the care-of keygen token under the Home Test's field name
            fields.add(String.format("mip6.hot.token=0x%016x", m.careOfKeygenToken()));
        } else if (message instanceof BindingUpdate m) {
            fields.add("mip6.bu.seqnr=" + m.sequence());
            fields.add("mip6.bu.a_flag=" + bit(m.acknowledge()));
            fields.add("mip6.bu.h_flag=" + bit(m.homeRegistration()));
            fields.add("mip6.bu.l_flag=" + bit(m.linkLocalCompatibility()));
            fields.add("mip6.bu.k_flag=" + bit(m.keyManagementMobility()));
            fields.add("mip6.bu.m_flag=" + bit(m.mapRegistration()));
            fields.add("mip6.bu.lifetime=" + m.lifetimeUnits());
        } else if (message instanceof BindingAcknowledgement m) {
            fields.add("mip6.ba.status=" + m.status());
            fields.add("mip6.ba.k_flag=" + bit(m.keyManagementMobility()));
            fields.add("mip6.ba.seqnr=" + m.sequence());
            fields.add("mip6.ba.lifetime=" + m.lifetimeUnits());
        } else if (message instanceof BindingError m) {
            fields.add("mip6.be.status=" + m.status());
            fields.add("mip6.be.haddr=" + m.homeAddress().getHostAddress());
        }
        for (MobilityOption option : message.options()) {
            if (option instanceof BindingRefreshAdvice o) {
                fields.add("mip6.bra.interval=" + o.refreshIntervalUnits());
            } else if (option instanceof AlternateCareOfAddress o) {
                fields.add("mip6.acoa.acoa=" + o.careOfAddress().getHostAddress());
            } else if (option instanceof NonceIndices o) {
                fields.add("mip6.ni.hni=" + o.homeNonceIndex());
                fields.add("mip6.ni.cni=" + o.careOfNonceIndex());
            }
        }
        return fields;
    }

    private static int bit(boolean flag) {
        return flag ? 1 : 0;
    }

    /** pcap: the 24-octet global header, then a 16-octet record header before each packet (little endian). */
    private void write(Path pcap) throws IOException {
        ByteBuf out = Unpooled.buffer();
        out.writeIntLE(0xa1b2c3d4);
        out.writeShortLE(2);
        out.writeShortLE(4);
        out.writeIntLE(0); // GMT offset
        out.writeIntLE(0); // timestamp accuracy
        out.writeIntLE(65535); // snap length
        out.writeIntLE(LINKTYPE_RAW);
        for (int i = 0; i < packets.size(); i++) {
            byte[] packet = packets.get(i);
            out.writeIntLE(1_800_000_000 + i); // a fixed time: the same file on every run
            out.writeIntLE(0);
            out.writeIntLE(packet.length);
            out.writeIntLE(packet.length);
            out.writeBytes(packet);
        }
        try (OutputStream file = Files.newOutputStream(pcap)) {
            out.readBytes(file, out.readableBytes());
        }
        try (PrintWriter lines = new PrintWriter(Files.newBufferedWriter(Path.of(pcap + ".expected"),
                StandardCharsets.UTF_8))) {
            expected.forEach(lines::println);
        }
    }
}
