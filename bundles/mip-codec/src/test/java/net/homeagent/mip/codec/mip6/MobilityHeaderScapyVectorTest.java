package net.homeagent.mip.codec.mip6;

import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CODEC;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.hex;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.ipv6;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The independent check: vectors scapy built from the RFC fields (tools/interop/mip6_vectors.py,
 * committed as mip6-scapy-vectors.json) decode to those fields, their checksums verify, and our
 * encoder writes the same octets back. Scapy pads options the way RFC 6275 §6.2 asks with the
 * fewest octets, as ours does, so every vector is canonical; the script overrides two scapy
 * defaults that contradict the RFC (Nonce Indices and Binding Authorization Data lengths, see the
 * script).
 */
class MobilityHeaderScapyVectorTest {
    private static final HexFormat HEX = HexFormat.of();

    @TestFactory
    Stream<DynamicTest> everyScapyVectorDecodesToItsFieldsAndEncodesBack() throws IOException {
        return vectors().stream().map(v -> DynamicTest.dynamicTest((String) v.get("name"), () -> check(v)));
    }

    @Test
    void theFileHoldsEveryMessageTypeAndBothExtensionHeaders() throws IOException {
        List<Object> kinds = new ArrayList<>();
        for (Map<String, Object> vector : vectors()) {
            kinds.add(vector.get("layer").equals("mh") ? fields(vector).get("mhType") : vector.get("layer"));
        }
        assertThat(kinds).contains(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, "hao", "rh2");
    }

    private static void check(Map<String, Object> vector) throws Exception {
        byte[] header = hex((String) vector.get("header"));
        assertThat((String) vector.get("packet")).as("the header is part of the packet scapy built")
                .contains((String) vector.get("header"));
        switch ((String) vector.get("layer")) {
            case "mh":
                checkMobilityHeader(vector, header);
                break;
            case "hao":
                checkHomeAddressOption(vector, header);
                break;
            default:
                checkRoutingHeader(vector, header);
        }
    }

    private static void checkMobilityHeader(Map<String, Object> vector, byte[] header) throws Exception {
        Map<String, Object> fields = fields(vector);
        var source = ipv6((String) vector.get("pseudoSource"));
        var destination = ipv6((String) vector.get("pseudoDestination"));
        assertThat(Mip6Fixtures.referenceChecksum(source, destination, header))
                .as("scapy's checksum").isEqualTo(((Long) fields.get("checksum")).intValue());

        MobilityMessage message = Mip6Fixtures.decode(header, source, destination);

        assertThat((long) message.mhType()).isEqualTo(fields.get("mhType"));
        assertFields(message, fields);
        assertThat(message.options()).isEqualTo(expectedOptions(vector));
        assertThat(HEX.formatHex(Mip6Fixtures.encode(message, source, destination)))
                .isEqualTo(vector.get("header"));
        if (fields.containsKey("kbm")) {
            checkReturnRoutability(fields, message, header, source, destination);
        }
    }

    private static void assertFields(MobilityMessage message, Map<String, Object> f) {
        if (message instanceof HomeTestInit m) {
            assertThat(m.homeInitCookie()).isEqualTo(longOf(f, "homeInitCookie"));
        } else if (message instanceof CareOfTestInit m) {
            assertThat(m.careOfInitCookie()).isEqualTo(longOf(f, "careOfInitCookie"));
        } else if (message instanceof HomeTest m) {
            assertThat((long) m.homeNonceIndex()).isEqualTo(f.get("homeNonceIndex"));
            assertThat(m.homeInitCookie()).isEqualTo(longOf(f, "homeInitCookie"));
            assertThat(m.homeKeygenToken()).isEqualTo(longOf(f, "homeKeygenToken"));
        } else if (message instanceof CareOfTest m) {
            assertThat((long) m.careOfNonceIndex()).isEqualTo(f.get("careOfNonceIndex"));
            assertThat(m.careOfInitCookie()).isEqualTo(longOf(f, "careOfInitCookie"));
            assertThat(m.careOfKeygenToken()).isEqualTo(longOf(f, "careOfKeygenToken"));
        } else if (message instanceof BindingUpdate m) {
            assertThat((long) m.sequence()).isEqualTo(f.get("sequence"));
            assertThat(m.acknowledge()).isEqualTo(f.get("acknowledge"));
            assertThat(m.homeRegistration()).isEqualTo(f.get("homeRegistration"));
            assertThat(m.linkLocalCompatibility()).isEqualTo(f.get("linkLocal"));
            assertThat(m.keyManagementMobility()).isEqualTo(f.get("keyManagement"));
            assertThat(m.mapRegistration()).isEqualTo(f.get("mapRegistration"));
            assertThat((long) m.lifetimeUnits()).isEqualTo(f.get("lifetimeUnits"));
            assertThat(m.lifetimeSeconds()).isEqualTo(4 * (Long) f.get("lifetimeUnits"));
        } else if (message instanceof BindingAcknowledgement m) {
            assertThat((long) m.status()).isEqualTo(f.get("status"));
            assertThat(m.keyManagementMobility()).isEqualTo(f.get("keyManagement"));
            assertThat((long) m.sequence()).isEqualTo(f.get("sequence"));
            assertThat((long) m.lifetimeUnits()).isEqualTo(f.get("lifetimeUnits"));
        } else if (message instanceof BindingError m) {
            assertThat((long) m.status()).isEqualTo(f.get("status"));
            assertThat(m.homeAddress()).isEqualTo(ipv6((String) f.get("homeAddress")));
        } else {
            assertThat(message).isInstanceOf(BindingRefreshRequest.class);
        }
    }

    /**
     * The keygen tokens, Kbm and authenticator Python computed (hmac, hashlib) equal ours, the
     * received authenticator verifies, and encodeAuthorized writes scapy's octets.
     */
    private static void checkReturnRoutability(Map<String, Object> f, MobilityMessage message, byte[] header,
            java.net.Inet6Address source, java.net.Inet6Address destination) {
        byte[] kcn = hex((String) f.get("kcn"));
        var careOf = ipv6((String) f.get("careOfAddress"));
        var correspondent = ipv6((String) f.get("correspondent"));
        long homeToken = ReturnRoutability.homeKeygenToken(kcn, ipv6((String) f.get("homeAddress")),
                hex((String) f.get("homeNonce")));
        long careOfToken = ReturnRoutability.careOfKeygenToken(kcn, careOf, hex((String) f.get("careOfNonce")));
        assertThat(homeToken).isEqualTo(longOf(f, "homeKeygenToken"));
        assertThat(careOfToken).isEqualTo(longOf(f, "careOfKeygenToken"));
        byte[] kbm = ReturnRoutability.kbm(homeToken, careOfToken);
        assertThat(HEX.formatHex(kbm)).isEqualTo(f.get("kbm"));

        BindingAuthorizer authorizer = new BindingAuthorizer(kbm, careOf, correspondent);
        assertThat(authorizer.verifies(header, message)).isTrue();

        BindingUpdate update = (BindingUpdate) message;
        BindingUpdate unsigned = new BindingUpdate(update.sequence(), update.acknowledge(), update.homeRegistration(),
                update.linkLocalCompatibility(), update.keyManagementMobility(), update.mapRegistration(),
                update.lifetimeUnits(), update.options().subList(0, update.options().size() - 1));
        ByteBuf out = Unpooled.buffer();
        CODEC.encodeAuthorized(unsigned, source, destination, authorizer, out);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(header);
    }

    private static void checkHomeAddressOption(Map<String, Object> vector, byte[] header) throws Exception {
        Map<String, Object> fields = fields(vector);
        DestinationOptionsCodec codec = new DestinationOptionsCodec();

        DestinationOptionsHeader option = codec.decode(Unpooled.wrappedBuffer(header));

        assertThat((long) option.nextHeader()).isEqualTo(fields.get("nextHeader"));
        assertThat(option.homeAddress()).contains(ipv6((String) fields.get("homeAddress")));
        ByteBuf out = Unpooled.buffer();
        codec.encode(option, out);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(header);
    }

    private static void checkRoutingHeader(Map<String, Object> vector, byte[] header) throws Exception {
        Map<String, Object> fields = fields(vector);
        Type2RoutingHeaderCodec codec = new Type2RoutingHeaderCodec();

        Type2RoutingHeader routing = codec.decode(Unpooled.wrappedBuffer(header));

        assertThat((long) routing.nextHeader()).isEqualTo(fields.get("nextHeader"));
        assertThat((long) routing.segmentsLeft()).isEqualTo(fields.get("segmentsLeft"));
        assertThat(routing.homeAddress()).isEqualTo(ipv6((String) fields.get("homeAddress")));
        ByteBuf out = Unpooled.buffer();
        codec.encode(routing, out);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(header);
    }

    @SuppressWarnings("unchecked")
    private static List<MobilityOption> expectedOptions(Map<String, Object> vector) {
        List<MobilityOption> options = new ArrayList<>();
        for (Object item : (List<Object>) vector.get("options")) {
            Map<String, Object> o = (Map<String, Object>) item;
            int type = ((Long) o.get("type")).intValue();
            switch (type) {
                case Pad1.TYPE -> options.add(new Pad1());
                case PadN.TYPE -> options.add(new PadN(intOf(o, "length")));
                case BindingRefreshAdvice.TYPE ->
                    options.add(new BindingRefreshAdvice(intOf(o, "refreshIntervalUnits")));
                case AlternateCareOfAddress.TYPE ->
                    options.add(new AlternateCareOfAddress(ipv6((String) o.get("careOfAddress"))));
                case NonceIndices.TYPE ->
                    options.add(new NonceIndices(intOf(o, "homeNonceIndex"), intOf(o, "careOfNonceIndex")));
                case BindingAuthorizationData.TYPE ->
                    options.add(new BindingAuthorizationData(hex((String) o.get("authenticator"))));
                default -> options.add(new UnknownMobilityOption(type, hex((String) o.get("data"))));
            }
        }
        return options;
    }

    private static int intOf(Map<String, Object> map, String key) {
        return ((Long) map.get(key)).intValue();
    }

    private static long longOf(Map<String, Object> map, String key) {
        return Long.parseUnsignedLong((String) map.get(key), 16);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> vector) {
        return (Map<String, Object>) vector.get("fields");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> vectors() throws IOException {
        try (InputStream in = MobilityHeaderScapyVectorTest.class.getResourceAsStream("mip6-scapy-vectors.json")) {
            Map<String, Object> file = (Map<String, Object>) MiniJson.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (List<Map<String, Object>>) (List<?>) file.get("vectors");
        }
    }
}
