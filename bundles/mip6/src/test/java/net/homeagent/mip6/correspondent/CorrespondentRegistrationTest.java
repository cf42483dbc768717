package net.homeagent.mip6.correspondent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.mip6.BindingAcknowledgement;
import net.homeagent.mip.codec.mip6.BindingAuthorizationData;
import net.homeagent.mip.codec.mip6.BindingAuthorizer;
import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip.codec.mip6.CareOfTest;
import net.homeagent.mip.codec.mip6.CareOfTestInit;
import net.homeagent.mip.codec.mip6.DestinationOptionsCodec;
import net.homeagent.mip.codec.mip6.DestinationOptionsHeader;
import net.homeagent.mip.codec.mip6.HomeTest;
import net.homeagent.mip.codec.mip6.HomeTestInit;
import net.homeagent.mip.codec.mip6.MobilityHeaderCodec;
import net.homeagent.mip.codec.mip6.MobilityMessage;
import net.homeagent.mip.codec.mip6.MobilityOption;
import net.homeagent.mip.codec.mip6.NonceIndices;
import net.homeagent.mip.codec.mip6.ReturnRoutability;
import net.homeagent.mip.codec.mip6.Type2RoutingHeaderCodec;
import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.Mip6Signalling;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.cache.Mip6Binding;

/**
 * The correspondent node end to end on whole packets, as the signalling device carries them: return
 * routability (RFC 6275 §9.4), Binding Updates authenticated with Kbm (§5.2.6, §9.5.1), the
 * acknowledgement's own Binding Authorization Data (§9.5.4), every refusal. Keys come from
 * {@link ScriptedRandom}, so tokens and Kbm are checked against values computed with Python's
 * hmac/hashlib (the codec's scapy vector, tools/interop/mip6_vectors.py).
 */
class CorrespondentRegistrationTest {

    // the scapy vector "BU to correspondent with Nonce Indices and Binding Authorization Data"
    private static final Inet6Address HOME = Addresses.v6("2001:db8:1::10");
    private static final Inet6Address CARE_OF = Addresses.v6("2001:db8:2::20");
    private static final Inet6Address CN = Addresses.v6("2001:db8:4::40");
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KCN = HEX.parseHex("0102030405060708090a0b0c0d0e0f1011121314");
    private static final byte[] HOME_NONCE = HEX.parseHex("0102030405060708");
    private static final byte[] CARE_OF_NONCE = HEX.parseHex("1112131415161718");
    private static final byte[] VECTOR_KBM = HEX.parseHex("14227ee9e352b05734e18f38554c746bbcae005b");
    private static final String SCAPY_BU = "6000000000383c4020010db800020000000000000000002020010db800040000000000000000"
            + "0040870201020000c91020010db80001000000000000000000103b0305000b8023458000004b040400070009050c8aae80be"
            + "f513bf0cfa73f15b";

    private final List<byte[]> out = new ArrayList<>();
    private final List<Inet6Address> validated = new ArrayList<>();
    private final Mip6Counters counters = new Mip6Counters();
    private final BindingCache cache = new BindingCache(CacheBackup.NONE);
    private final MutableClock clock = MutableClock.at("1970-01-01T00:00:00Z");
    private boolean homeRegisteredHere;
    // nonce index 7 at 0 s (the home nonce), 8 at 30 s, 9 at 60 s (the care-of nonce), all with the vector's Kcn
    private final KeygenTokens tokens = new KeygenTokens(new NonceTable(new ScriptedRandom(7, List.of(HOME_NONCE, KCN,
            new byte[8], new byte[20], CARE_OF_NONCE, KCN))));
    private final Mip6Signalling signalling = new Mip6Signalling(Map.of(CN, new CorrespondentResponder(tokens,
            new CorrespondentRegistration(tokens, cache, 2, home -> homeRegisteredHere, counters, validated::add),
            counters)), packet -> false, new Mip6Counters(), packet -> {
                byte[] octets = new byte[packet.readableBytes()];
                packet.getBytes(packet.readerIndex(), octets);
                return out.add(octets);
            }, clock);

    /** Runs return routability at 0 s (home) and 60 s (care-of), as the vector's indices 7 and 9 say. */
    private long[] returnRoutability() throws Exception {
        clock.set(Instant.ofEpochMilli(0));
        signalling.received(packet(HOME, Optional.empty(), new HomeTestInit(0x1111L, List.of()), null));
        clock.set(Instant.ofEpochMilli(30_000));
        signalling.received(packet(HOME, Optional.empty(), new HomeTestInit(0x2222L, List.of()), null));
        clock.set(Instant.ofEpochMilli(60_000));
        signalling.received(packet(CARE_OF, Optional.empty(), new CareOfTestInit(0x3333L, List.of()), null));
        HomeTest homeTest = (HomeTest) fromCorrespondent(0, HOME, HOME);
        CareOfTest careOfTest = (CareOfTest) fromCorrespondent(2, CARE_OF, CARE_OF);
        assertThat(((HomeTest) fromCorrespondent(1, HOME, HOME)).homeNonceIndex()).isEqualTo(8);
        out.clear();
        assertThat(homeTest.homeNonceIndex()).isEqualTo(7);
        assertThat(careOfTest.careOfNonceIndex()).isEqualTo(9);
        return new long[] {homeTest.homeKeygenToken(), careOfTest.careOfKeygenToken()};
    }

    /** A mobile node's packet to the correspondent: with a Home Address option when away; authorized with kbm if given. */
    private static ByteBuf packet(Inet6Address source, Optional<Inet6Address> home, MobilityMessage message, byte[] kbm) {
        ByteBuf payload = Unpooled.buffer();
        int next = MobilityHeaderCodec.NEXT_HEADER;
        if (home.isPresent()) {
            new DestinationOptionsCodec().encode(DestinationOptionsHeader.withHomeAddress(next, home.get()), payload);
            next = DestinationOptionsCodec.NEXT_HEADER;
        }
        Inet6Address pseudoSource = home.orElse(source);
        if (kbm == null) {
            new MobilityHeaderCodec().encode(message, pseudoSource, CN, payload);
        } else {
            new MobilityHeaderCodec().encodeAuthorized(message, pseudoSource, CN, new BindingAuthorizer(kbm, source, CN),
                    payload);
        }
        ByteBuf packet = Unpooled.buffer();
        packet.writeInt(6 << 28).writeShort(payload.readableBytes()).writeByte(next).writeByte(64)
                .writeBytes(source.getAddress()).writeBytes(CN.getAddress()).writeBytes(payload);
        return packet;
    }

    private static BindingUpdate update(int sequence, int lifetimeUnits, int homeIndex, int careOfIndex) {
        return new BindingUpdate(sequence, true, false, false, false, false, lifetimeUnits,
                List.of(new NonceIndices(homeIndex, careOfIndex)));
    }

    /** The correspondent's packet number {@code i}: from CN to {@code destination}, through a type 2 routing header to {@code home} if they differ. */
    private MobilityMessage fromCorrespondent(int i, Inet6Address destination, Inet6Address home) throws Exception {
        ByteBuf packet = Unpooled.wrappedBuffer(out.get(i));
        assertThat(bytes(packet, 8, 16)).isEqualTo(CN.getAddress());
        assertThat(bytes(packet, 24, 16)).isEqualTo(destination.getAddress());
        packet.readerIndex(40);
        if (!destination.equals(home)) {
            assertThat(new Type2RoutingHeaderCodec().decode(packet).homeAddress()).isEqualTo(home);
        }
        return new MobilityHeaderCodec().decode(packet, CN, home);
    }

    /** The Mobility Header octets of the correspondent's packet {@code i} (after a routing header if any). */
    private byte[] mobilityHeader(int i, boolean routed) {
        byte[] packet = out.get(i);
        int at = routed ? 40 + 24 : 40;
        byte[] mh = new byte[packet.length - at];
        System.arraycopy(packet, at, mh, 0, mh.length);
        return mh;
    }

    private static byte[] bytes(ByteBuf packet, int at, int length) {
        byte[] octets = new byte[length];
        packet.getBytes(at, octets);
        return octets;
    }

    @Test
    void homeAndCareOfTestsEchoTheCookieAndCarryTheKeygenTokensOfRfc6275Section525() throws Exception {
        clock.set(Instant.ofEpochMilli(0));
        signalling.received(packet(HOME, Optional.empty(), new HomeTestInit(0x0011223344556677L, List.of()), null));
        clock.set(Instant.ofEpochMilli(60_000));
        signalling.received(packet(CARE_OF, Optional.empty(), new CareOfTestInit(0x1122L, List.of()), null));
        signalling.received(packet(CARE_OF, Optional.empty(), new CareOfTestInit(0x1122L, List.of()), null));
        HomeTest homeTest = (HomeTest) fromCorrespondent(0, HOME, HOME);
        assertThat(homeTest.homeInitCookie()).isEqualTo(0x0011223344556677L);
        assertThat(homeTest.homeNonceIndex()).isEqualTo(7);
        // Python's hmac over the vector's Kcn, home address and nonce
        assertThat(homeTest.homeKeygenToken()).isEqualTo(0x8a0effbfd89481bdL);
        CareOfTest careOfTest = (CareOfTest) fromCorrespondent(1, CARE_OF, CARE_OF);
        assertThat(careOfTest.careOfInitCookie()).isEqualTo(0x1122L);
        assertThat(careOfTest.careOfNonceIndex()).isEqualTo(8);   // 60 s: the second nonce made
        assertThat(counters.get(Counter.HOME_TESTS)).isEqualTo(1);
        assertThat(counters.get(Counter.CARE_OF_TESTS)).isEqualTo(2);
        assertThat(cache.size()).as("no state from HoTI or CoTI (§5.2.8)").isZero();
    }

    @Test
    void scapysAuthorizedBindingUpdateIsAcceptedAndTheAcknowledgementCarriesAnAuthenticatorWithTheSameKbm()
            throws Exception {
        long[] keygen = returnRoutability();
        assertThat(keygen[1]).isEqualTo(0x37d6d24df0c00c4fL);
        assertThat(ReturnRoutability.kbm(keygen[0], keygen[1])).isEqualTo(VECTOR_KBM);
        clock.set(Instant.ofEpochMilli(61_000));
        signalling.received(Unpooled.wrappedBuffer(HEX.parseHex(SCAPY_BU)));
        BindingAcknowledgement ack = (BindingAcknowledgement) fromCorrespondent(0, CARE_OF, HOME);
        assertThat(ack.status()).isZero();
        assertThat(ack.sequence()).isEqualTo(0x2345);
        assertThat(ack.lifetimeUnits()).isEqualTo(75);
        assertThat(ack.option(BindingAuthorizationData.class)).isPresent();
        assertThat(new BindingAuthorizer(VECTOR_KBM, CARE_OF, CN).verifies(mobilityHeader(0, true), ack)).isTrue();
        Mip6Binding entry = cache.get(HOME).orElseThrow();
        assertThat(entry.careOfAddress()).isEqualTo(CARE_OF);
        assertThat(entry.lifetimeSeconds()).isEqualTo(300);
        assertThat(validated).containsExactly(HOME);
    }

    @Test
    void anUpdateWhoseAuthenticatorDoesNotVerifyIsSilentlyDiscarded() throws Exception {
        long[] keygen = returnRoutability();
        byte[] wrongKbm = ReturnRoutability.kbm(keygen[0], keygen[1] ^ 1);
        // the checksum is right (computed over the wrong authenticator), only the authenticator is not
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(1, 100, 7, 9), wrongKbm));
        // the right Kbm, but the care-of nonce of another address: the care-of keygen token differs
        signalling.received(packet(Addresses.v6("2001:db8:2::21"), Optional.of(HOME), update(1, 100, 7, 9),
                ReturnRoutability.kbm(keygen[0], keygen[1])));
        assertThat(out).isEmpty();
        assertThat(counters.get(Counter.BAD_AUTHENTICATOR)).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void anUpdateWithoutNonceIndicesOrAuthorizationDataIsSilentlyDiscarded() throws Exception {
        long[] keygen = returnRoutability();
        byte[] kbm = ReturnRoutability.kbm(keygen[0], keygen[1]);
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(1, 100, 7, 9), null));
        signalling.received(packet(CARE_OF, Optional.of(HOME),
                new BindingUpdate(1, true, false, false, false, false, 100, List.<MobilityOption>of()), kbm));
        assertThat(out).isEmpty();
        assertThat(counters.get(Counter.UNAUTHORIZED)).isEqualTo(2);
    }

    @Test
    void expiredNonceIndicesAreRefusedWith136137Or138WithoutAnAuthenticator() throws Exception {
        long[] keygen = returnRoutability();
        byte[] kbm = ReturnRoutability.kbm(keygen[0], keygen[1]);
        clock.set(Instant.ofEpochMilli(240_000));   // index 7 (made at 0 s) is past MAX_NONCE_LIFETIME, 9 (60 s) is not
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(1, 100, 7, 9), kbm));
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(2, 100, 9, 1234), kbm));
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(3, 100, 7, 1234), kbm));
        assertThat(List.of(0, 1, 2).stream().map(i -> {
            try {
                BindingAcknowledgement ack = (BindingAcknowledgement) fromCorrespondent(i, CARE_OF, HOME);
                assertThat(ack.option(BindingAuthorizationData.class)).as("no Kbm, no Binding Authorization Data").isEmpty();
                return ack.status();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList()).containsExactly(136, 137, 138);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theLifetimeIsBoundByMaxRrBindingLifetimeAndSequenceNumbersMustGrow() throws Exception {
        long[] keygen = returnRoutability();
        byte[] kbm = ReturnRoutability.kbm(keygen[0], keygen[1]);
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(10, 65_535, 7, 9), kbm));
        BindingAcknowledgement ack = (BindingAcknowledgement) fromCorrespondent(0, CARE_OF, HOME);
        assertThat(ack.lifetimeUnits()).isEqualTo(105);   // 420 s
        assertThat(cache.get(HOME).orElseThrow().lifetimeSeconds()).isEqualTo(420);
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(10, 100, 7, 9), kbm));
        BindingAcknowledgement replay = (BindingAcknowledgement) fromCorrespondent(1, CARE_OF, HOME);
        assertThat(replay.status()).isEqualTo(135);
        assertThat(replay.sequence()).isEqualTo(10);
        assertThat(new BindingAuthorizer(kbm, CARE_OF, CN).verifies(mobilityHeader(1, true), replay)).isTrue();
    }

    @Test
    void aMobileReturningHomeDeletesItsBindingWithTheHomeKeygenTokenOnly() throws Exception {
        long[] keygen = returnRoutability();
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(1, 100, 7, 9),
                ReturnRoutability.kbm(keygen[0], keygen[1])));
        assertThat(cache.size()).isEqualTo(1);
        // §5.2.6: from home (care-of = home address, no Home Address option), Kbm = SHA1(home keygen token);
        // the care-of nonce index is ignored
        signalling.received(packet(HOME, Optional.empty(), update(2, 0, 7, 4321),
                ReturnRoutability.kbmForDeregistration(keygen[0])));
        BindingAcknowledgement ack = (BindingAcknowledgement) fromCorrespondent(1, HOME, HOME);
        assertThat(ack.status()).isZero();
        assertThat(new BindingAuthorizer(ReturnRoutability.kbmForDeregistration(keygen[0]), HOME, CN)
                .verifies(mobilityHeader(1, false), ack)).isTrue();
        assertThat(cache.size()).isZero();
        assertThat(counters.get(Counter.DEREGISTRATIONS)).isEqualTo(1);
    }

    @Test
    void homeRegistrationsLocalUpdatesATypeChangeAndAFullCacheAreRefused() throws Exception {
        long[] keygen = returnRoutability();
        byte[] kbm = ReturnRoutability.kbm(keygen[0], keygen[1]);
        signalling.received(packet(CARE_OF, Optional.of(HOME),
                new BindingUpdate(1, true, true, false, false, false, 100, List.of()), null));
        signalling.received(packet(CARE_OF, Optional.of(HOME),
                new BindingUpdate(1, true, false, false, false, true, 100, List.of()), null));
        homeRegisteredHere = true;
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(1, 100, 7, 9), kbm));
        homeRegisteredHere = false;
        cache.put(new Mip6Binding(Addresses.v6("2001:db8:1::1"), CARE_OF, 0, 100, Long.MAX_VALUE,
                Mip6Binding.Origin.REGISTERED));
        cache.put(new Mip6Binding(Addresses.v6("2001:db8:1::2"), CARE_OF, 0, 100, Long.MAX_VALUE,
                Mip6Binding.Origin.REGISTERED));
        signalling.received(packet(CARE_OF, Optional.of(HOME), update(1, 100, 7, 9), kbm));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(((BindingAcknowledgement) fromCorrespondent(i, CARE_OF, HOME)).status());
        }
        assertThat(statuses).containsExactly(131, 129, 139, 130);
        assertThat(cache.get(HOME)).isEmpty();
    }
}
