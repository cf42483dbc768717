package net.homeagent.ha.transport;

import static net.homeagent.ha.RequestBuilder.ip;
import static net.homeagent.ha.RequestBuilder.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;

import net.homeagent.ha.RequestBuilder;
import net.homeagent.ha.TestConfigs;
import net.homeagent.ha.registration.PolicyStage;
import net.homeagent.ha.registration.RegistrationProcessor;
import net.homeagent.ha.statistics.HomeAgentStatistics;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.api.RegistrationPolicy;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.InMemorySecurityAssociations;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;
import net.homeagent.mip.codec.netty.MipDatagramDecoder;
import net.homeagent.mip.codec.netty.MipDatagramEncoder;

class RegistrationHandlerTest {
    private static final InetSocketAddress HOME_AGENT = new InetSocketAddress(ip("10.0.0.1"), 434);
    private static final InetSocketAddress NODE = new InetSocketAddress(ip("192.0.2.5"), 5000);

    private final HomeAgentStatistics statistics = new HomeAgentStatistics();
    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private EmbeddedChannel channel;

    /** A service that decides at once. */
    private void serve(Function<InboundRegistration, RegistrationDecision> decide) {
        serveLater(registration -> CompletableFuture.completedFuture(decide.apply(registration)));
    }

    private void serveLater(RegistrationService service) {
        channel = new EmbeddedChannel(new MipDatagramDecoder(RequestBuilder.CODEC),
                new MipDatagramEncoder(RequestBuilder.CODEC), new RegistrationHandler(service, statistics, clock));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void receive(byte[] payload) {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(payload), HOME_AGENT, NODE));
    }

    private RegistrationReply sentReply() {
        DatagramPacket packet = channel.readOutbound();
        assertThat(packet).as("a reply was sent").isNotNull();
        assertThat(packet.recipient()).isEqualTo(NODE);
        assertThat(packet.sender()).isEqualTo(HOME_AGENT);
        byte[] payload = ByteBufUtil.getBytes(packet.content());
        packet.release();
        return (RegistrationReply) RequestBuilder.decode(payload);
    }

    @Test
    void aRequestGoesToTheServiceAndItsReplyBackToTheSenderFromTheAddressItCameTo() {
        RegistrationReply answer = new RegistrationReply(ReplyCode.ACCEPTED, 600, ip("10.0.0.10"), ip("10.0.0.1"), 77,
                List.of());
        serve(registration -> {
            assertThat(registration.source()).isEqualTo(NODE);
            assertThat(registration.receivedOn()).isEqualTo(HOME_AGENT);
            assertThat(registration.request().homeAddress()).isEqualTo(ip("10.0.0.10"));
            return RegistrationDecision.reply(answer, MessageSigner.NONE);
        });

        receive(request("10.0.0.10").encode());

        RegistrationReply reply = sentReply();
        assertThat(reply.code()).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(reply.identification()).isEqualTo(77);
    }

    @Test
    void aRequestWithAMalformedExtensionIsAnswered134WithoutAuthentication() {
        serve(registration -> {
            throw new AssertionError("a malformed request must not reach the service");
        });
        byte[] fixedPart = request("10.0.0.10").identification(0x0102_0304_0506_0708L).encode();
        byte[] truncatedNai = new byte[fixedPart.length + 4];
        System.arraycopy(fixedPart, 0, truncatedNai, 0, fixedPart.length);
        truncatedNai[fixedPart.length] = (byte) 131;
        truncatedNai[fixedPart.length + 1] = 10;

        receive(truncatedNai);

        RegistrationReply reply = sentReply();
        assertThat(reply.code()).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
        assertThat(reply.homeAddress()).isEqualTo(ip("10.0.0.10"));
        assertThat(reply.identification()).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(reply.extensions()).isEmpty();
        RegistrationCounters counters = statistics.snapshot();
        assertThat(counters.requestsReceived()).isEqualTo(1);
        assertThat(counters.repliesByCode()).containsExactly(Map.entry(134, 1L));
        assertThat(counters.refusalsByReason()).containsExactly(Map.entry("malformed", 1L));
    }

    @Test
    void whatCannotBeAnsweredIsCountedAndDropped() {
        serve(registration -> {
            throw new AssertionError("nothing here is a request");
        });
        byte[] reply = new byte[20];
        reply[0] = 3;

        receive(new byte[] {1, 0, 0});
        receive(reply);

        assertThat((Object) channel.readOutbound()).isNull();
        RegistrationCounters counters = statistics.snapshot();
        assertThat(counters.requestsReceived()).isEqualTo(2);
        assertThat(counters.discarded()).isEqualTo(2);
        assertThat(counters.refusalsByReason()).containsExactly(Map.entry("not-a-request", 1L),
                Map.entry("undecodable", 1L));
    }

    @Test
    void aFailingServiceNeverBreaksThePipeline() {
        serve(registration -> {
            throw new IllegalStateException("bug");
        });

        receive(request("10.0.0.10").encode());
        receive(request("10.0.0.10").encode());

        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isTrue();
        assertThat(statistics.snapshot().refusalsByReason()).containsEntry("internal-error", 2L);
    }

    @Test
    void aDecisionToDiscardSendsNothing() {
        serve(registration -> RegistrationDecision.discard("test"));

        receive(request("10.0.0.10").encode());

        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(statistics.snapshot().refusalsByReason()).containsEntry("test", 1L);
    }

    @Test
    void anAcceptanceIsSentOnlyOnceItsBindingChangeIsDurable() {
        CompletableFuture<Void> onDisk = new CompletableFuture<>();
        RegistrationReply answer = new RegistrationReply(ReplyCode.ACCEPTED, 600, ip("10.0.0.10"), ip("10.0.0.1"), 5,
                List.of());
        serve(registration -> RegistrationDecision.reply(answer, MessageSigner.NONE).afterDurable(onDisk));

        receive(request("10.0.0.10").encode());
        assertThat((Object) channel.readOutbound()).as("no reply before the change is on disk").isNull();

        onDisk.complete(null);
        channel.runPendingTasks();

        assertThat(sentReply().identification()).isEqualTo(5);
    }

    @Test
    void aBindingChangeThatCouldNotBeWrittenIsStillAnswered() {
        RegistrationReply answer = new RegistrationReply(ReplyCode.ACCEPTED, 600, ip("10.0.0.10"), ip("10.0.0.1"), 6,
                List.of());
        serve(registration -> RegistrationDecision.reply(answer, MessageSigner.NONE)
                .afterDurable(CompletableFuture.failedFuture(new java.io.IOException("disk full"))));

        receive(request("10.0.0.10").encode());

        assertThat(sentReply().code()).isEqualTo(ReplyCode.ACCEPTED);
    }

    @Test
    void aDecisionThatComesLaterDoesNotHoldTheEventLoopAndIsSentWhenItComes() {
        CompletableFuture<RegistrationDecision> slow = new CompletableFuture<>();
        serveLater(registration -> registration.request().homeAddress().equals(ip("10.0.0.10")) ? slow
                : CompletableFuture.completedFuture(RegistrationDecision.reply(new RegistrationReply(ReplyCode.ACCEPTED,
                        600, registration.request().homeAddress(), ip("10.0.0.1"), 11, List.of()), MessageSigner.NONE)));

        receive(request("10.0.0.10").encode());
        receive(request("10.0.0.11").encode());

        assertThat(sentReply().homeAddress()).as("the second request is answered meanwhile").isEqualTo(ip("10.0.0.11"));
        assertThat((Object) channel.readOutbound()).isNull();
        slow.complete(RegistrationDecision.reply(new RegistrationReply(ReplyCode.ACCEPTED, 600, ip("10.0.0.10"),
                ip("10.0.0.1"), 10, List.of()), MessageSigner.NONE));
        channel.runPendingTasks();
        assertThat(sentReply().homeAddress()).isEqualTo(ip("10.0.0.10"));
    }

    @Test
    void aSlowPolicyHoldsNeitherTheEventLoopNorAnotherNodeAndItsReplyExtensionIsSigned() {
        SecurityAssociation waits = association("10.0.0.10", 256);
        SecurityAssociation answeredAtOnce = association("10.0.0.11", 257);
        CompletableFuture<RegistrationVerdict> aaaServer = new CompletableFuture<>();
        RegistrationPolicy aaa = (registration, proposed) -> proposed.homeAddress().equals(ip("10.0.0.10")) ? aaaServer
                : RegistrationVerdict.PASSED;
        FakeBindingStore store = new FakeBindingStore();
        // a deadline that never passes: the answer is what this test waits for
        PolicyStage stage = new PolicyStage(() -> List.of(aaa), List::of, (delay, action) -> () -> { },
                Duration.ofSeconds(5));
        serveLater(new RegistrationProcessor(store, new InMemorySecurityAssociations().add(waits).add(answeredAtOnce),
                TestConfigs.settings(Map.of()), clock, stage, statistics));
        long now = RequestBuilder.timestamp(clock.instant());

        receive(request("10.0.0.10").identification(now).signedWith(waits).encode());
        receive(request("10.0.0.11").identification(now).signedWith(answeredAtOnce).encode());

        RegistrationReply meanwhile = sentReply();
        assertThat(meanwhile.homeAddress()).as("the other node is answered meanwhile").isEqualTo(ip("10.0.0.11"));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(store.find(ip("10.0.0.10"))).isEmpty();

        // RFC 3115 NVSE, e.g. the MIMM advisor's Handoff Advice, from the thread of the server's answer
        VendorSpecificExtension advice = new VendorSpecificExtension(false, 32473, 2, new byte[] {9, 9});
        CompletableFuture.runAsync(() -> aaaServer.complete(RegistrationVerdict.pass(List.of(advice)))).join();
        channel.runPendingTasks();

        RegistrationReply late = sentReply();
        assertThat(late.homeAddress()).isEqualTo(ip("10.0.0.10"));
        assertThat(late.code()).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(store.find(ip("10.0.0.10"))).hasSize(1);
        // RFC 5944 §3.5: the MN-HA authenticator is last and covers the advice before it
        assertThat(late.extensions()).hasSize(2).first().isEqualTo(advice);
        AuthenticationExtension auth = late.extension(AuthenticationExtension.class).orElseThrow();
        byte[] wire = late.wire().orElseThrow();
        assertThat(auth.authenticatedLength()).isEqualTo(wire.length - 16);
        assertThat(waits.verify(wire, 0, auth.authenticatedLength(), auth.authenticator())).isTrue();
    }

    private static SecurityAssociation association(String homeAddress, int spi) {
        return new SecurityAssociation(Optional.of(ip(homeAddress)), Optional.empty(), spi,
                AuthenticationAlgorithm.HMAC_MD5, HexFormat.of().parseHex("00112233445566778899aabbccddeeff"),
                ReplayProtection.TIMESTAMP);
    }
}
