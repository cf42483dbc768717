package net.homeagent.mimmclient.homeagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.RegistrationFlags;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;
import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mip.codec.mimm.HandoffAdviceCodec;
import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mip.codec.mimm.MimmVendor;
import net.homeagent.mip.codec.mimm.RequestHandoff;
import net.homeagent.mip.codec.mimm.RequestHandoffCodec;
import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;
import net.homeagent.mimmclient.manager.AdvisorAnswer;
import net.homeagent.mimmclient.manager.HandoffQuestion;
import net.homeagent.mimmclient.manager.LinkProfile;
import net.homeagent.mimmclient.manager.MobileIpRegistrar.RegistrationResult;

/** The real advisor client and registrar against a home agent on loopback (the care-of address is 127.0.0.1). */
class HomeAgentAdvisorTest {

    private static final byte[] KEY = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long SPI = 0x1001;
    private static final Inet4Address HOME = address("10.0.0.10");
    private static final Inet4Address LOOPBACK = address("127.0.0.1");
    private static final LinkProfile WWAN = new LinkProfile("wwan0", LinkType.CELLULAR, 2, 10_000, 1000, 5, 1,
            LOOPBACK, Optional.empty());
    private static final HandoffQuestion QUESTION = new HandoffQuestion(WWAN, 1, -70, 2, 128);

    private final Counters counters = new Counters();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T06:00:00Z"), ZoneOffset.UTC);
    private FakeHomeAgent homeAgent;
    private RegistrationExchange exchange;

    private void start(int attempts) throws Exception {
        homeAgent = new FakeHomeAgent(KEY);
        // a timeout long enough for a loaded machine: the tests that need a timeout wait it once
        exchange = new RegistrationExchange(new MobileNodeKey(HOME, LOOPBACK, SPI, KEY), homeAgent.address(),
                Duration.ofSeconds(attempts == 1 ? 5 : 1), attempts, clock, counters,
                new RateLimitedLog(System.getLogger("test"), clock));
    }

    @AfterEach
    void stop() {
        exchange.close();
        homeAgent.close();
    }

    private static FakeHomeAgent.Answer signed(int code, Extension... extensions) {
        return new FakeHomeAgent.Answer(code, List.of(extensions), KEY, SPI, 0x7000_0000);
    }

    private static Extension advice(HandoffAdvice advice) {
        return new VendorSpecificExtension(false, MimmVendor.ENTERPRISE_NUMBER, MimmVendor.HANDOFF_ADVICE,
                HandoffAdviceCodec.encode(advice));
    }

    @Test
    void sendsTheRequestHandoffSignedBeforeTheMobileHomeExtensionAndReadsTheAdvice() throws Exception {
        start(1);
        HandoffAdvice go = new HandoffAdvice(Verdict.GO, Reason.NONE, 300, 2, List.of(), true);
        // the home agent grants 120 s of the 600 asked (RFC 5944 §3.4): the answer says so
        homeAgent.then(request -> new FakeHomeAgent.Answer(0, List.of(advice(go)), KEY, SPI, 0x7000_0000, 120));
        AdvisorAnswer answer = new HomeAgentAdvisor(exchange, 600, counters).ask(QUESTION);

        assertThat(answer).isEqualTo(new AdvisorAnswer.Advised(go, Optional.of(Duration.ofSeconds(120))));
        FakeHomeAgent.Received received = homeAgent.received().get(0);
        assertThat(received.authentic()).isTrue();
        RegistrationRequest request = received.request();
        assertThat(request.flags()).isEqualTo(RegistrationFlags.D);
        assertThat(request.lifetime()).isEqualTo(600);
        assertThat(request.homeAddress()).isEqualTo(HOME);
        assertThat(request.careOfAddress()).isEqualTo(LOOPBACK);
        assertThat(request.extensions()).hasSize(2);
        VendorSpecificExtension cvse = (VendorSpecificExtension) request.extensions().get(0);
        assertThat(cvse.critical()).isTrue();
        assertThat(cvse.vendorId()).isEqualTo(MimmVendor.ENTERPRISE_NUMBER);
        assertThat(cvse.vendorType()).isEqualTo(MimmVendor.REQUEST_HANDOFF);
        assertThat(cvse.data()).isEqualTo(RequestHandoffCodec.encode(
                new RequestHandoff(OptionalInt.of(2), 1, -70, LinkType.CELLULAR, 2, 128)));
        assertThat(request.extensions().get(1)).isInstanceOf(AuthenticationExtension.class);
    }

    @Test
    void aRefusalCarriesTheAdviceAndWithoutItTheCodeSpeaks() throws Exception {
        start(1);
        HandoffAdvice notNow = new HandoffAdvice(Verdict.NOT_NOW, Reason.TARGET_FULL_MOBILES, 30, 2, List.of(3), false);
        homeAgent.then(request -> signed(200, advice(notNow)));
        homeAgent.then(request -> signed(201));
        homeAgent.then(request -> signed(0));
        homeAgent.then(request -> signed(140));
        homeAgent.then(request -> signed(130));
        HomeAgentAdvisor advisor = new HomeAgentAdvisor(exchange, 600, counters);

        assertThat(advisor.ask(QUESTION)).isEqualTo(new AdvisorAnswer.Advised(notNow));
        assertThat(advisor.ask(QUESTION)).isEqualTo(new AdvisorAnswer.Advised(
                new HandoffAdvice(Verdict.NO, Reason.NONE, 0, 2, List.of(), false)));
        assertThat(advisor.ask(QUESTION)).isEqualTo(new AdvisorAnswer.Advised(
                new HandoffAdvice(Verdict.GO, Reason.NONE, 0, 2, List.of(), true), Optional.of(Duration.ofSeconds(600))));
        assertThat(advisor.ask(QUESTION)).isInstanceOfSatisfying(AdvisorAnswer.NoAdvice.class,
                none -> assertThat(none.why()).contains("no advisor (140)"));
        assertThat(advisor.ask(QUESTION)).isInstanceOf(AdvisorAnswer.NoAdvice.class);
    }

    @Test
    void aMalformedAdviceIsCountedAndTheCodeSpeaks() throws Exception {
        start(1);
        homeAgent.then(request -> signed(200, new VendorSpecificExtension(false, MimmVendor.ENTERPRISE_NUMBER,
                MimmVendor.HANDOFF_ADVICE, new byte[] {1, 1})));
        AdvisorAnswer answer = new HomeAgentAdvisor(exchange, 600, counters).ask(QUESTION);
        assertThat(answer).isEqualTo(new AdvisorAnswer.Advised(
                new HandoffAdvice(Verdict.NOT_NOW, Reason.NONE, 0, 2, List.of(), false)));
        assertThat(counters.get("advice-malformed Handoff Advice length")).isEqualTo(1);
    }

    @Test
    void aForgedReplyIsDroppedAndTheRequestSentAgainWithANewIdentification() throws Exception {
        start(2);
        byte[] otherKey = "fedcba9876543210".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        homeAgent.then(request -> new FakeHomeAgent.Answer(0, List.of(), otherKey, SPI, 0));
        homeAgent.then(request -> new FakeHomeAgent.Answer(0, List.of(), KEY, SPI + 1, 0));
        RegistrationResult result = new HomeAgentRegistrar(exchange, 600).register(WWAN);

        assertThat(result.accepted()).isFalse();
        assertThat(result.detail()).isEqualTo("no authentic reply");
        assertThat(counters.get("reply-dropped bad authenticator")).isEqualTo(1);
        assertThat(counters.get("reply-dropped SPI")).isEqualTo(1);
        assertThat(counters.get("reply-timeouts")).isEqualTo(2);
        List<FakeHomeAgent.Received> received = homeAgent.received();
        assertThat(received).hasSize(2).allMatch(FakeHomeAgent.Received::authentic);
        assertThat(received.get(1).request().identification()).isNotEqualTo(received.get(0).request().identification());
        // a plain registration: no Request Handoff
        assertThat(received.get(0).request().extensions()).singleElement().isInstanceOf(AuthenticationExtension.class);
    }

    @Test
    void theRegistrarBelievesAnAuthenticAcceptanceAndReadsTheLifetimeGranted() throws Exception {
        start(1);
        homeAgent.then(request -> new FakeHomeAgent.Answer(0, List.of(), KEY, SPI, 0x7000_0000, 45));
        assertThat(new HomeAgentRegistrar(exchange, 600).register(WWAN)).isEqualTo(new RegistrationResult(true,
                "0 (" + net.homeagent.mip.codec.ReplyCode.describe(0) + ")", Optional.of(Duration.ofSeconds(45))));
    }

    @Test
    void deregistrationGivesUpEveryCareOfAddressFromTheLinkInUse() throws Exception {
        start(1);
        homeAgent.then(request -> signed(0));
        homeAgent.then(request -> signed(130));

        assertThat(new HomeAgentRegistrar(exchange, 600).deregister(WWAN).accepted()).isTrue();
        RegistrationResult refused = new HomeAgentRegistrar(exchange, 600).deregister(WWAN);

        assertThat(refused.accepted()).isFalse();
        assertThat(refused.detail()).startsWith("130 ");
        // RFC 5944 §3.6.1.2: lifetime 0 and the home address as care-of address = every binding
        RegistrationRequest sent = homeAgent.received().get(0).request();
        assertThat(homeAgent.received().get(0).authentic()).isTrue();
        assertThat(sent.lifetime()).isZero();
        assertThat(sent.careOfAddress()).isEqualTo(HOME);
        assertThat(sent.homeAddress()).isEqualTo(HOME);
        assertThat(sent.flags() & RegistrationFlags.D).isEqualTo(RegistrationFlags.D);
        assertThat(sent.extensions()).singleElement().isInstanceOf(AuthenticationExtension.class);
    }

    @Test
    void a133ResynchronisesTheIdentificationsWithTheHomeAgentsTimeAndAsksOnceMore() throws Exception {
        start(1);
        // RFC 5944 §5.7.1: the 133's Identification carries the home agent's time above; ours is an hour behind
        long homeAgentSeconds = clock.instant().getEpochSecond() + 2_208_988_800L + 3600;
        homeAgent.then(request -> new FakeHomeAgent.Answer(133, List.of(), KEY, SPI, (int) homeAgentSeconds));
        homeAgent.then(request -> signed(0));
        homeAgent.then(request -> new FakeHomeAgent.Answer(133, List.of(), KEY, SPI, (int) homeAgentSeconds));
        homeAgent.then(request -> new FakeHomeAgent.Answer(133, List.of(), KEY, SPI, (int) homeAgentSeconds));
        HomeAgentRegistrar registrar = new HomeAgentRegistrar(exchange, 600);

        assertThat(registrar.register(WWAN).accepted()).isTrue();
        List<FakeHomeAgent.Received> received = homeAgent.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(0).request().identification() >>> 32).isEqualTo(homeAgentSeconds - 3600);
        assertThat(received.get(1).request().identification() >>> 32).isEqualTo(homeAgentSeconds);
        assertThat(counters.get("identification-resync")).isEqualTo(1);
        // one resynchronisation per exchange: a second 133 in a row is the answer, no loop
        RegistrationResult refused = registrar.register(WWAN);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.detail()).startsWith("133 ");
        assertThat(homeAgent.received()).hasSize(4);
        assertThat(counters.get("identification-resync")).isEqualTo(2);
    }

    private static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
