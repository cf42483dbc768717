package net.homeagent.ha.registration;

import static net.homeagent.ha.RequestBuilder.ip;
import static net.homeagent.ha.RequestBuilder.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import net.homeagent.ha.HomeAgentSettings;
import net.homeagent.ha.RequestBuilder;
import net.homeagent.ha.TestConfigs;
import net.homeagent.ha.statistics.HomeAgentStatistics;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.ForeignAgentAssociations;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.api.RegistrationPolicy;
import net.homeagent.mip.api.ReplyBarrier;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.VendorExtensionHandler;
import net.homeagent.mip.api.VendorExtensionHandler.VendorExtensionType;
import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.InMemorySecurityAssociations;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.api.testing.RecordingBindingListener;
import net.homeagent.mip.codec.RegistrationFlags;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

class RegistrationProcessorTest {

    private static final byte[] KEY = hex("00112233445566778899aabbccddeeff");
    private static final SecurityAssociation NODE = new SecurityAssociation(Optional.of(ip("10.0.0.10")),
            Optional.empty(), 256, AuthenticationAlgorithm.HMAC_MD5, KEY, ReplayProtection.TIMESTAMP);
    private static final SecurityAssociation OTHER_NODE = new SecurityAssociation(Optional.of(ip("10.0.0.12")),
            Optional.empty(), 256, AuthenticationAlgorithm.KEYED_MD5, hex("0f0e0d0c0b0a09080706050403020100"),
            ReplayProtection.TIMESTAMP);
    private static final SecurityAssociation NONCE_NODE = new SecurityAssociation(Optional.of(ip("10.0.0.11")),
            Optional.empty(), 300, AuthenticationAlgorithm.HMAC_MD5, KEY, ReplayProtection.NONCE);
    private static final SecurityAssociation ALICE = naiAssociation("alice@example.net");
    private static final SecurityAssociation BOB = naiAssociation("bob@example.net");
    private static final SecurityAssociation CAROL = naiAssociation("carol@example.net");
    private static final InetSocketAddress RECEIVED_ON = new InetSocketAddress(ip("10.0.0.1"), 434);
    private static final InetSocketAddress FROM_CARE_OF = new InetSocketAddress(ip("192.0.2.5"), 434);

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final FakeBindingStore store = new FakeBindingStore();
    private final RecordingBindingListener events = new RecordingBindingListener();
    private final InMemorySecurityAssociations associations = new InMemorySecurityAssociations()
            .add(NODE).add(OTHER_NODE).add(NONCE_NODE).add(ALICE).add(BOB).add(CAROL);
    private final HomeAgentStatistics statistics = new HomeAgentStatistics();
    private final List<RegistrationPolicy> policies = new ArrayList<>();
    private final Map<String, Object> config = new HashMap<>(Map.of("homeAgentAddresses", new String[] {"10.0.0.1"},
            "addressPools", new String[] {"10.1.0.0/30"}));
    private final ReplayState replayState = new InMemoryReplayState(new Random(42));
    private final List<VendorExtensionHandler> vendorHandlers = new ArrayList<>();
    private final ManualTimeouts deadlines = new ManualTimeouts();
    private final List<SecurityAssociation> foreignAgents = new ArrayList<>();
    private final List<ReplyBarrier> replyBarriers = new ArrayList<>();
    private RegistrationProcessor processor;

    @BeforeEach
    void setUp() {
        store.listen(events);
        rebuild();
    }

    private void rebuild() {
        HomeAgentSettings settings = TestConfigs.settings(config);
        PolicyStage stage = new PolicyStage(() -> List.copyOf(policies), () -> List.copyOf(vendorHandlers), deadlines,
                settings.policyTimeout());
        processor = new RegistrationProcessor(store, associations, new ListedForeignAgents(foreignAgents), settings,
                clock, stage, statistics, replayState, () -> List.copyOf(replyBarriers));
    }

    private void configure(String key, Object value) {
        config.put(key, value);
        rebuild();
    }

    private long now() {
        return RequestBuilder.timestamp(clock.instant());
    }

    private RequestBuilder node() {
        return request("10.0.0.10").identification(now()).signedWith(NODE);
    }

    private RegistrationDecision process(RegistrationRequest request) {
        return process(request, FROM_CARE_OF);
    }

    private RegistrationDecision process(RegistrationRequest request, InetSocketAddress from) {
        CompletableFuture<RegistrationDecision> decided = processing(request, from);
        assertThat(decided).as("decided at once").isDone();
        return decided.join();
    }

    private CompletableFuture<RegistrationDecision> processing(RegistrationRequest request, InetSocketAddress from) {
        return processor.process(new InboundRegistration(request, from, RECEIVED_ON)).toCompletableFuture();
    }

    private static RegistrationReply reply(RegistrationDecision decision) {
        return decision.reply().orElseThrow();
    }

    private static RegistrationReply signedAndDecoded(RegistrationDecision decision) {
        ByteBuf out = Unpooled.buffer();
        RequestBuilder.CODEC.encode(reply(decision), out, decision.signer());
        RegistrationReply decoded = (RegistrationReply) RequestBuilder.decode(ByteBufUtil.getBytes(out));
        out.release();
        return decoded;
    }

    /** Interprets the given types and lets every registration through. */
    private record PassingHandler(VendorExtensionType type) implements VendorExtensionHandler {

        @Override
        public Set<VendorExtensionType> interprets() {
            return Set.of(type);
        }

        @Override
        public CompletionStage<RegistrationVerdict> handle(InboundRegistration registration, Binding proposed,
                VendorSpecificExtension extension, boolean fromForeignAgent) {
            return RegistrationVerdict.PASSED;
        }
    }

    private static int code(RegistrationDecision decision) {
        return reply(decision).code();
    }

    @Test
    void acceptsAnAuthenticatedRequestAndWritesTheBinding() {
        RegistrationRequest request = node().flags(RegistrationFlags.T).lifetime(600).build();

        RegistrationDecision decision = process(request);

        RegistrationReply reply = reply(decision);
        assertThat(reply.code()).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(reply.lifetime()).isEqualTo(600);
        assertThat(reply.homeAddress()).isEqualTo(ip("10.0.0.10"));
        assertThat(reply.homeAgent()).isEqualTo(ip("10.0.0.1"));
        assertThat(reply.identification()).isEqualTo(request.identification());
        assertThat(reply.extensions()).containsExactly(AuthenticationExtension.mobileHome(256));
        assertThat(decision.reason()).isEmpty();
        Binding binding = store.find(ip("10.0.0.10")).get(0);
        assertThat(binding.careOfAddress()).isEqualTo(ip("192.0.2.5"));
        assertThat(binding.homeAgent()).isEqualTo(ip("10.0.0.1"));
        assertThat(binding.sourceAddress()).isEqualTo(ip("192.0.2.5"));
        assertThat(binding.grantedLifetime()).isEqualTo(600);
        assertThat(binding.expiresAt()).isEqualTo(clock.instant().plusSeconds(600));
        assertThat(binding.identification()).isEqualTo(request.identification());
        assertThat(binding.encapsulation()).isEqualTo(Encapsulation.IP_IN_IP);
        assertThat(binding.reverseTunnel()).isTrue();
        assertThat(binding.flags()).isEqualTo(RegistrationFlags.T);
    }

    @Test
    void anAcceptanceWaitsForItsBindingToBeDurableAndARefusalDoesNot() {
        store.holdSyncs();

        RegistrationDecision accepted = process(node().build());
        RegistrationDecision refused = process(node().signedWith(OTHER_NODE).build());

        assertThat(accepted.durable().toCompletableFuture()).isNotDone();
        assertThat(refused.durable().toCompletableFuture()).isDone();
        assertThat(store.completeSyncs()).isEqualTo(1);
        assertThat(accepted.durable().toCompletableFuture()).isCompleted();
    }

    @Test
    void anAcceptanceAlsoWaitsForTheReplyBarriersOfItsHomeAddress() {
        CompletableFuture<Void> groupAcknowledged = new CompletableFuture<>();
        List<Inet4Address> asked = new ArrayList<>();
        replyBarriers.add(home -> {
            asked.add(home);
            return groupAcknowledged;
        });

        RegistrationDecision accepted = process(node().build());
        RegistrationDecision refused = process(node().signedWith(OTHER_NODE).build());

        assertThat(accepted.durable().toCompletableFuture()).isNotDone();
        assertThat(refused.durable().toCompletableFuture()).isDone();
        assertThat(asked).extracting(Inet4Address::getHostAddress).containsExactly("10.0.0.10");
        groupAcknowledged.complete(null);
        assertThat(accepted.durable().toCompletableFuture()).isCompleted();
    }

    @Test
    void aReplyBarrierThatThrowsDoesNotHoldTheReply() {
        replyBarriers.add(home -> {
            throw new IllegalStateException("broken role");
        });

        RegistrationDecision accepted = process(node().build());

        assertThat(accepted.durable().toCompletableFuture()).isCompleted();
    }

    @Test
    void theReplyIsSignedWithTheMobileNodesAssociation() {
        RegistrationDecision decision = process(node().build());
        RegistrationReply decoded = signedAndDecoded(decision);

        AuthenticationExtension auth = decoded.extension(AuthenticationExtension.class).orElseThrow();
        byte[] wire = decoded.wire().orElseThrow();
        assertThat(auth.type()).isEqualTo(AuthenticationExtension.MOBILE_HOME);
        assertThat(auth.spi()).isEqualTo(256);
        assertThat(auth.authenticatedLength()).isEqualTo(wire.length - 16);
        assertThat(NODE.verify(wire, 0, auth.authenticatedLength(), auth.authenticator())).isTrue();
        assertThat(OTHER_NODE.verify(wire, 0, auth.authenticatedLength(), auth.authenticator())).isFalse();
    }

    @Test
    void aRenewalReplacesTheBindingOfTheSameCareOfAddress() {
        process(node().lifetime(300).build());
        clock.advance(Duration.ofSeconds(100));

        RegistrationDecision renewal = process(node().lifetime(600).build());

        assertThat(code(renewal)).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(store.find(ip("10.0.0.10"))).singleElement()
                .satisfies(b -> assertThat(b.expiresAt()).isEqualTo(clock.instant().plusSeconds(600)));
        assertThat(events.types()).containsExactly(BindingEvent.Type.ADDED, BindingEvent.Type.RENEWED);
    }

    @Test
    void aRegistrationWithoutSReplacesTheOtherCareOfAddresses() {
        process(node().careOf("192.0.2.5").build());
        clock.advance(Duration.ofSeconds(1));

        process(node().careOf("198.51.100.7").build());

        assertThat(store.find(ip("10.0.0.10"))).extracting(Binding::careOfAddress)
                .containsExactly(ip("198.51.100.7"));
    }

    @Nested
    class Lifetimes {
        @Test
        void aLifetimeAboveTheMaximumIsClampedToIt() {
            RegistrationDecision decision = process(node().lifetime(5000).build());

            assertThat(reply(decision).lifetime()).isEqualTo(1800);
            assertThat(store.find(ip("10.0.0.10")).get(0).grantedLifetime()).isEqualTo(1800);
        }

        @Test
        void infinityIsClampedToo() {
            configure("maxLifetime", 7200);

            RegistrationDecision decision = process(node().lifetime(0xffff).build());

            assertThat(reply(decision).lifetime()).isEqualTo(7200);
        }
    }

    @Nested
    class Deregistration {
        @BeforeEach
        void twoBindings() {
            process(node().flags(RegistrationFlags.S).careOf("192.0.2.5").build());
            clock.advance(Duration.ofSeconds(1));
            process(node().flags(RegistrationFlags.S).careOf("198.51.100.7").build());
            clock.advance(Duration.ofSeconds(1));
        }

        @Test
        void lifetimeZeroRemovesThatCareOfAddressOnly() {
            RegistrationDecision decision = process(node().careOf("192.0.2.5").lifetime(0).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decision).lifetime()).isZero();
            assertThat(reply(decision).extensions()).containsExactly(AuthenticationExtension.mobileHome(256));
            assertThat(store.find(ip("10.0.0.10"))).extracting(Binding::careOfAddress)
                    .containsExactly(ip("198.51.100.7"));
            assertThat(statistics.snapshot().deregistrations()).isEqualTo(1);
        }

        @Test
        void isPutToThePoliciesAsABindingOfLifetimeZeroAndADiscardRemovesNothing() {
            List<Binding> proposals = new ArrayList<>();
            policies.add((registration, proposed) -> {
                proposals.add(proposed);
                return CompletableFuture.completedFuture(RegistrationVerdict.discard("not-the-active-member"));
            });

            RegistrationDecision decision = process(node().careOf("192.0.2.5").lifetime(0).build());

            assertThat(decision.reply()).isEmpty();
            assertThat(decision.reason()).contains("policy:not-the-active-member");
            assertThat(proposals).singleElement().satisfies(proposed -> {
                assertThat(proposed.homeAddress()).isEqualTo(ip("10.0.0.10"));
                assertThat(proposed.careOfAddress()).isEqualTo(ip("192.0.2.5"));
                assertThat(proposed.grantedLifetime()).isZero();
            });
            assertThat(store.find(ip("10.0.0.10"))).hasSize(2);
            assertThat(statistics.snapshot().deregistrations()).isZero();
        }

        @Test
        void aRefusalIsSentWithItsCodeAndALateVerdictRemovesTheBindingWhenItComes() {
            policies.add(RegistrationPolicy.refusing((registration, proposed) -> Optional.of(
                    new RegistrationPolicy.Refusal(ReplyCode.ADMINISTRATIVELY_PROHIBITED, "blocked"))));
            RegistrationDecision refused = process(node().careOf("192.0.2.5").lifetime(0).build());
            assertThat(code(refused)).isEqualTo(ReplyCode.ADMINISTRATIVELY_PROHIBITED);
            assertThat(store.find(ip("10.0.0.10"))).hasSize(2);

            policies.clear();
            CompletableFuture<RegistrationVerdict> server = new CompletableFuture<>();
            policies.add((registration, proposed) -> server);
            CompletableFuture<RegistrationDecision> decided = processing(
                    node().careOf("192.0.2.5").lifetime(0).identification(now() + 1).build(), FROM_CARE_OF);
            assertThat(decided).isNotDone();
            assertThat(store.find(ip("10.0.0.10"))).hasSize(2);
            server.complete(RegistrationVerdict.pass());

            assertThat(code(decided.join())).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decided.join()).lifetime()).isZero();
            assertThat(store.find(ip("10.0.0.10"))).extracting(Binding::careOfAddress)
                    .containsExactly(ip("198.51.100.7"));
        }

        @Test
        void careOfEqualToHomeAddressRemovesEveryBinding() {
            RegistrationDecision decision = process(node().careOf("10.0.0.10").lifetime(0).build(),
                    new InetSocketAddress(ip("10.0.0.10"), 434));

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decision).lifetime()).isZero();
            assertThat(store.find(ip("10.0.0.10"))).isEmpty();
        }

        @Test
        void returningHomeWithANonZeroLifetimeAlsoRemovesEveryBinding() {
            RegistrationDecision decision = process(node().careOf("10.0.0.10").lifetime(600).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decision).lifetime()).isZero();
            assertThat(store.find(ip("10.0.0.10"))).isEmpty();
        }
    }

    @Nested
    class SimultaneousBindings {
        @Test
        void theSFlagKeepsTheOtherBindings() {
            process(node().flags(RegistrationFlags.S).careOf("192.0.2.5").build());
            clock.advance(Duration.ofSeconds(1));

            RegistrationDecision decision = process(node().flags(RegistrationFlags.S).careOf("198.51.100.7").build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(store.find(ip("10.0.0.10"))).hasSize(2);
        }

        @Test
        void oneMoreThanTheLimitIsRefusedWith135() {
            configure("maxSimultaneousBindings", 2);
            for (String careOf : List.of("192.0.2.5", "192.0.2.6")) {
                process(node().flags(RegistrationFlags.S).careOf(careOf).build());
                clock.advance(Duration.ofSeconds(1));
            }

            RegistrationDecision third = process(node().flags(RegistrationFlags.S).careOf("192.0.2.7").build());
            clock.advance(Duration.ofSeconds(1));
            RegistrationDecision renewal = process(node().flags(RegistrationFlags.S).careOf("192.0.2.6").build());

            assertThat(code(third)).isEqualTo(ReplyCode.TOO_MANY_SIMULTANEOUS_BINDINGS);
            assertThat(third.reason()).contains("too-many-bindings");
            assertThat(code(renewal)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(store.find(ip("10.0.0.10"))).extracting(Binding::careOfAddress)
                    .containsExactly(ip("192.0.2.5"), ip("192.0.2.6"));
        }

        @Test
        void withALimitOfOneTheRequestIsAcceptedWithCode1AndReplacesTheOthers() {
            configure("maxSimultaneousBindings", 1);
            process(node().careOf("192.0.2.5").build());
            clock.advance(Duration.ofSeconds(1));

            RegistrationDecision decision = process(node().flags(RegistrationFlags.S).careOf("198.51.100.7").build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED_NO_SIMULTANEOUS);
            assertThat(decision.reason()).isEmpty();
            assertThat(store.find(ip("10.0.0.10"))).extracting(Binding::careOfAddress)
                    .containsExactly(ip("198.51.100.7"));
        }
    }

    @Nested
    class Authentication {
        @Test
        void aWrongKeyIsRefusedWith131WithoutAuthenticationExtension() {
            SecurityAssociation forged = new SecurityAssociation(NODE.homeAddress(), Optional.empty(), 256,
                    AuthenticationAlgorithm.HMAC_MD5, hex("ffeeddccbbaa99887766554433221100"), ReplayProtection.TIMESTAMP);
            RegistrationRequest request = request("10.0.0.10").identification(now()).signedWith(forged).build();

            RegistrationDecision decision = process(request);

            assertThat(code(decision)).isEqualTo(ReplyCode.MN_FAILED_AUTHENTICATION);
            assertThat(decision.reason()).contains("bad-authenticator");
            assertThat(reply(decision).extensions()).isEmpty();
            assertThat(reply(decision).identification()).isEqualTo(request.identification());
            assertThat(store.size()).isZero();
        }

        @Test
        void anUnknownSpiIsRefusedWith131() {
            SecurityAssociation unknown = new SecurityAssociation(NODE.homeAddress(), Optional.empty(), 999,
                    AuthenticationAlgorithm.HMAC_MD5, KEY, ReplayProtection.TIMESTAMP);

            RegistrationDecision decision = process(request("10.0.0.10").identification(now()).signedWith(unknown)
                    .build());

            assertThat(code(decision)).isEqualTo(ReplyCode.MN_FAILED_AUTHENTICATION);
            assertThat(decision.reason()).contains("unknown-spi");
            assertThat(reply(decision).extensions()).isEmpty();
        }

        @Test
        void aRequestWithOnlyAnMnAaaExtensionIsRefusedWith131() {
            RegistrationDecision decision = process(request("10.0.0.10").identification(now())
                    .authenticated(RequestBuilder.signerOf(NODE), AuthenticationExtension.toSign(
                            AuthenticationExtension.GENERALIZED, AuthenticationExtension.SUBTYPE_MN_AAA, 256))
                    .build());

            assertThat(code(decision)).isEqualTo(ReplyCode.MN_FAILED_AUTHENTICATION);
            assertThat(decision.reason()).contains("no-mn-ha-extension");
            assertThat(reply(decision).extensions()).isEmpty();
        }

        @Test
        void aRequestBuiltLocallyHasNoWireOctetsAndCannotAuthenticate() {
            RegistrationDecision decision = process(node().unencoded());

            assertThat(code(decision)).isEqualTo(ReplyCode.MN_FAILED_AUTHENTICATION);
        }

        @Test
        void anExtensionAddedAfterTheAuthenticatorIsNotCoveredAndDoesNotBreakIt() {
            RegistrationDecision decision = process(node()
                    .after(new VendorSpecificExtension(false, 9, 1, new byte[] {1, 2})).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
        }
    }

    @Nested
    class TimestampReplayProtection {
        @Test
        void aTimestampTooFarAheadIsRefusedWith133AndTheHomeAgentsTime() {
            long ahead = RequestBuilder.timestamp(clock.instant().plusSeconds(8)) | 0x1234_5678L;

            RegistrationDecision decision = process(request("10.0.0.10").identification(ahead).signedWith(NODE).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.IDENTIFICATION_MISMATCH);
            assertThat(decision.reason()).contains("timestamp-skew");
            assertThat(reply(decision).identification()).isEqualTo(now() | 0x1234_5678L);
            assertThat(reply(decision).extensions()).containsExactly(AuthenticationExtension.mobileHome(256));
            assertThat(store.size()).isZero();
        }

        @Test
        void aTimestampTooFarBehindIsRefusedWith133() {
            long behind = RequestBuilder.timestamp(clock.instant().minusSeconds(8));

            RegistrationDecision decision = process(request("10.0.0.10").identification(behind).signedWith(NODE)
                    .build());

            assertThat(code(decision)).isEqualTo(ReplyCode.IDENTIFICATION_MISMATCH);
            assertThat(decision.reason()).contains("timestamp-skew");
        }

        @Test
        void aTimestampWithinTheSkewIsAccepted() {
            long ahead = RequestBuilder.timestamp(clock.instant().plusSeconds(7));

            assertThat(code(process(request("10.0.0.10").identification(ahead).signedWith(NODE).build())))
                    .isEqualTo(ReplyCode.ACCEPTED);
        }

        @Test
        void aReplayedOrOlderIdentificationIsRefusedWith133() {
            RegistrationRequest first = node().identification(now() + 10).build();
            process(first);

            RegistrationDecision replayed = process(first);
            RegistrationDecision older = process(node().identification(now() + 5).build());

            assertThat(code(replayed)).isEqualTo(ReplyCode.IDENTIFICATION_MISMATCH);
            assertThat(replayed.reason()).contains("identification-not-increasing");
            assertThat(code(older)).isEqualTo(ReplyCode.IDENTIFICATION_MISMATCH);
        }

        @Test
        void afterARestartTheIdentificationKeptInTheBindingIsTheLastAccepted() {
            RegistrationRequest first = node().identification(now() + 10).build();
            process(first);
            processor = new RegistrationProcessor(store, associations, TestConfigs.settings(config), clock,
                    PolicyStage.none(), statistics);

            RegistrationDecision replayed = process(first);
            RegistrationDecision newer = process(node().identification(now() + 11).build());

            assertThat(code(replayed)).isEqualTo(ReplyCode.IDENTIFICATION_MISMATCH);
            assertThat(code(newer)).isEqualTo(ReplyCode.ACCEPTED);
        }
    }

    @Nested
    class NonceReplayProtection {
        private RequestBuilder nonceNode(long homeAgentNonce, int mobileNodeNonce) {
            return request("10.0.0.11").identification(homeAgentNonce << 32 | Integer.toUnsignedLong(mobileNodeNonce))
                    .signedWith(NONCE_NODE);
        }

        @Test
        void aFirstRequestGets133WithANonceAndTheNextOneUsingItIsAccepted() {
            RegistrationDecision first = process(nonceNode(0, 0x1111_1111).build());

            assertThat(code(first)).isEqualTo(ReplyCode.IDENTIFICATION_MISMATCH);
            assertThat(first.reason()).contains("nonce-mismatch");
            long issued = reply(first).identification() >>> 32;
            assertThat(reply(first).identification() & 0xffff_ffffL).isEqualTo(0x1111_1111L);

            RegistrationDecision second = process(nonceNode(issued, 0x2222_2222).build());

            assertThat(code(second)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(second).identification() & 0xffff_ffffL).isEqualTo(0x2222_2222L);
            assertThat(reply(second).identification() >>> 32).isNotEqualTo(issued);
            assertThat(store.find(ip("10.0.0.11"))).hasSize(1);
        }

        @Test
        void aNonceIsGoodForOneRequestOnly() {
            long issued = reply(process(nonceNode(0, 1).build())).identification() >>> 32;
            RegistrationRequest accepted = nonceNode(issued, 2).build();
            process(accepted);

            RegistrationDecision replayed = process(accepted);

            assertThat(code(replayed)).isEqualTo(ReplyCode.IDENTIFICATION_MISMATCH);
            assertThat(replayed.reason()).contains("nonce-mismatch");
        }
    }

    @Nested
    class PoorlyFormed {
        @Test
        void aRequestWithoutAuthenticationExtensionIsRefusedWith134() {
            RegistrationRequest request = request("10.0.0.10").identification(now()).build();

            RegistrationDecision decision = process(request);

            assertThat(code(decision)).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
            assertThat(decision.reason()).contains("no-auth-extension");
            assertThat(reply(decision).extensions()).isEmpty();
            assertThat(reply(decision).identification()).isEqualTo(request.identification());
        }

        @Test
        void twoAuthorizationEnablingExtensionsAreRefusedWith134() {
            RegistrationDecision decision = process(request("10.0.0.10").identification(now())
                    .authenticated(RequestBuilder.signerOf(NODE), AuthenticationExtension.mobileHome(256),
                            AuthenticationExtension.mobileHome(256))
                    .build());

            assertThat(code(decision)).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
            assertThat(decision.reason()).contains("several-auth-extensions");
        }

        @Test
        void anFaHaExtensionBeforeTheMnHaExtensionIsRefusedWith134() {
            RegistrationDecision decision = process(request("10.0.0.10").identification(now())
                    .before(AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, 256))
                    .signedWith(NODE).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
            assertThat(decision.reason()).contains("misplaced-fa-ha-extension");
        }

        @Test
        void anFaHaExtensionBeforeAnMnFaExtensionIsRefusedWith134() {
            RegistrationDecision decision = process(request("10.0.0.10").identification(now())
                    .signedWith(NODE)
                    .after(AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, 256))
                    .after(AuthenticationExtension.toSign(AuthenticationExtension.MOBILE_FOREIGN, 0, 256))
                    .build());

            assertThat(code(decision)).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
            assertThat(decision.reason()).contains("misplaced-fa-ha-extension");
        }

        @Test
        void anFaHaExtensionAfterTheMobileNodesExtensionsIsNotPoorlyFormed() {
            RegistrationDecision decision = process(request("10.0.0.10").identification(now())
                    .signedWith(NODE)
                    .after(AuthenticationExtension.toSign(AuthenticationExtension.MOBILE_FOREIGN, 0, 256))
                    .after(AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, 256))
                    .build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
        }

        @Test
        void homeAddressZeroWithoutNaiIsRefusedWith134() {
            RegistrationDecision decision = process(request("0.0.0.0").identification(now()).signedWith(ALICE).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
            assertThat(decision.reason()).contains("zero-home-address-no-nai");
        }

        @Test
        void careOfAddressZeroIsRefusedWith134() {
            RegistrationDecision decision = process(node().careOf("0.0.0.0").build());

            assertThat(code(decision)).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
            assertThat(decision.reason()).contains("zero-care-of-address");
        }

        @Test
        void theReservedFlagBitsAreIgnoredAsRfc5944Section33Says() {
            RegistrationDecision decision = process(node().flags(RegistrationFlags.R | RegistrationFlags.X).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
        }
    }

    @Nested
    class HomeAgentAddress {
        @Test
        void anotherHomeAgentAddressIsRefusedWith136AndOurAddress() {
            RegistrationDecision decision = process(node().homeAgent("10.0.0.99").build());

            assertThat(code(decision)).isEqualTo(ReplyCode.UNKNOWN_HOME_AGENT_ADDRESS);
            assertThat(reply(decision).homeAgent()).isEqualTo(ip("10.0.0.1"));
            assertThat(reply(decision).extensions()).containsExactly(AuthenticationExtension.mobileHome(256));
            assertThat(store.size()).isZero();
        }

        @Test
        void aBroadcastHomeAgentAddressIsRefusedWith136AndOurUnicastAddress() {
            RegistrationDecision decision = process(node().homeAgent("255.255.255.255").build());

            assertThat(code(decision)).isEqualTo(ReplyCode.UNKNOWN_HOME_AGENT_ADDRESS);
            assertThat(reply(decision).homeAgent()).isEqualTo(ip("10.0.0.1"));
        }

        @Test
        void withoutConfiguredAddressesTheAddressTheRequestCameToIsOurs() {
            configure("homeAgentAddresses", new String[0]);

            assertThat(code(process(node().homeAgent("10.0.0.1").build()))).isEqualTo(ReplyCode.ACCEPTED);
            clock.advance(Duration.ofSeconds(1));
            assertThat(code(process(node().homeAgent("10.0.0.2").build())))
                    .isEqualTo(ReplyCode.UNKNOWN_HOME_AGENT_ADDRESS);
        }
    }

    @Nested
    class Tunnels {
        @Test
        void aReverseTunnelIsRefusedWith137WhenNotOffered() {
            configure("reverseTunnelling", false);

            RegistrationDecision decision = process(node().flags(RegistrationFlags.T).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.REVERSE_TUNNEL_UNAVAILABLE);
        }

        @Test
        void aRequestWithoutTIsRefusedWith138WhenReverseTunnelsAreMandatory() {
            configure("reverseTunnelMandatory", true);

            assertThat(code(process(node().build()))).isEqualTo(ReplyCode.REVERSE_TUNNEL_MANDATORY);
            assertThat(code(process(node().identification(now() + 1).flags(RegistrationFlags.T).build())))
                    .isEqualTo(ReplyCode.ACCEPTED);
        }

        @Test
        void anEncapsulationNotOfferedIsRefusedWith139() {
            configure("encapsulations", new String[] {"ip-in-ip,minimal"});

            RegistrationDecision gre = process(node().flags(RegistrationFlags.G).build());
            RegistrationDecision minimal = process(node().identification(now() + 1).flags(RegistrationFlags.M).build());

            assertThat(code(gre)).isEqualTo(ReplyCode.ENCAPSULATION_UNAVAILABLE);
            assertThat(code(minimal)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(store.find(ip("10.0.0.10")).get(0).encapsulation()).isEqualTo(Encapsulation.MINIMAL);
        }

        @Test
        void deregistrationIsNotSubjectToTunnelChecks() {
            process(node().build());
            configure("reverseTunnelMandatory", true);

            RegistrationDecision decision = process(node().identification(now() + 1).lifetime(0).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(store.size()).isZero();
        }
    }

    @Nested
    class UdpTunnelling {
        private final InetSocketAddress behindNat = new InetSocketAddress(ip("203.0.113.9"), 40123);

        private RequestBuilder asking(boolean force, int encapsulation) {
            return node().careOf("192.168.1.20")
                    .before(new UdpTunnelRequestExtension(0, force, false, encapsulation));
        }

        @Test
        void aNatBetweenCareOfAddressAndHomeAgentGetsAUdpTunnel() {
            RegistrationDecision decision = process(asking(false, UdpTunnelRequestExtension.ENCAPSULATION_IP_IN_IP)
                    .build(), behindNat);

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decision).extensions()).containsExactly(
                    new UdpTunnelReplyExtension(0, UdpTunnelReplyExtension.WILL_DO_TUNNELLING, false, 110),
                    AuthenticationExtension.mobileHome(256));
            Binding binding = store.find(ip("10.0.0.10")).get(0);
            assertThat(binding.encapsulation()).isEqualTo(Encapsulation.UDP);
            assertThat(binding.sourceAddress()).isEqualTo(ip("203.0.113.9"));
            assertThat(binding.sourcePort()).isEqualTo(40123);
            assertThat(binding.innerEncapsulation()).isEqualTo(Encapsulation.IP_IN_IP);
        }

        @Test
        void theBindingKeepsTheEncapsulationAskedForInsideUdp() {
            RegistrationDecision gre = process(asking(false, UdpTunnelRequestExtension.ENCAPSULATION_GRE).build(),
                    behindNat);
            RegistrationDecision minimal = process(asking(false, UdpTunnelRequestExtension.ENCAPSULATION_MINIMAL)
                    .identification(now() + 1).build(), behindNat);

            assertThat(code(gre)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(code(minimal)).isEqualTo(ReplyCode.ACCEPTED);
            Binding binding = store.find(ip("10.0.0.10")).get(0);
            assertThat(binding.encapsulation()).isEqualTo(Encapsulation.UDP);
            assertThat(binding.innerEncapsulation()).as("RFC 3519 §3.1: the renewal asked for minimal")
                    .isEqualTo(Encapsulation.MINIMAL);
        }

        @Test
        void withoutNatAndWithoutForceUdpTunnellingIsDeclined() {
            RegistrationDecision decision = process(node().before(new UdpTunnelRequestExtension(0, false, false,
                    UdpTunnelRequestExtension.ENCAPSULATION_IP_IN_IP)).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decision).extension(UdpTunnelReplyExtension.class)).get()
                    .extracting(UdpTunnelReplyExtension::replyCode).isEqualTo(UdpTunnelReplyExtension.TUNNELLING_DECLINED);
            assertThat(store.find(ip("10.0.0.10")).get(0).encapsulation()).isEqualTo(Encapsulation.IP_IN_IP);
        }

        @Test
        void forcedUdpTunnellingIsRefusedWith142WhenTurnedOff() {
            configure("udpTunnelling", false);

            RegistrationDecision forced = process(asking(true, UdpTunnelRequestExtension.ENCAPSULATION_IP_IN_IP).build(),
                    behindNat);
            RegistrationDecision notForced = process(asking(false, UdpTunnelRequestExtension.ENCAPSULATION_IP_IN_IP)
                    .identification(now() + 1).build(), behindNat);

            assertThat(code(forced)).isEqualTo(ReplyCode.UDP_ENCAPSULATION_UNAVAILABLE);
            assertThat(code(notForced)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(notForced).extension(UdpTunnelReplyExtension.class)).get()
                    .extracting(UdpTunnelReplyExtension::replyCode).isEqualTo(UdpTunnelReplyExtension.TUNNELLING_DECLINED);
        }

        @Test
        void anEncapsulationInsideUdpThatIsNotOfferedIsRefusedWith142() {
            RegistrationDecision unknown = process(asking(false, 99).build(), behindNat);
            configure("encapsulations", new String[] {"ip-in-ip"});
            RegistrationDecision gre = process(asking(false, UdpTunnelRequestExtension.ENCAPSULATION_GRE)
                    .identification(now() + 1).build(), behindNat);

            assertThat(code(unknown)).isEqualTo(ReplyCode.UDP_ENCAPSULATION_UNAVAILABLE);
            assertThat(code(gre)).isEqualTo(ReplyCode.UDP_ENCAPSULATION_UNAVAILABLE);
        }
    }

    @Nested
    class VendorExtensions {
        private final VendorSpecificExtension cvse = new VendorSpecificExtension(true, 5535, 7, new byte[] {1});

        @Test
        void anUninterpretableCvseFromTheMobileNodeIsRefusedWith140() {
            RegistrationDecision decision = process(node().before(cvse).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.CVSE_FROM_MN_UNINTERPRETABLE);
        }

        @Test
        void anUninterpretableCvseFromTheForeignAgentIsRefusedWith141() {
            RegistrationDecision decision = process(node().after(cvse).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.CVSE_FROM_FA_UNINTERPRETABLE);
        }

        @Test
        void aHandlerIsGivenItsExtensionsWithWhereTheyCameFromAndItsVerdictCounts() {
            VendorSpecificExtension fromForeignAgent = new VendorSpecificExtension(false, 5535, 8, new byte[] {2});
            List<String> handed = new ArrayList<>();
            vendorHandlers.add(new VendorExtensionHandler() {
                @Override
                public Set<VendorExtensionType> interprets() {
                    return Set.of(new VendorExtensionType(true, 5535, 7), new VendorExtensionType(false, 5535, 8));
                }

                @Override
                public CompletionStage<RegistrationVerdict> handle(InboundRegistration registration, Binding proposed,
                        VendorSpecificExtension extension, boolean foreignAgent) {
                    handed.add(extension.vendorType() + (foreignAgent ? " from the foreign agent" : " from the node"));
                    return CompletableFuture.completedFuture(extension.critical() ? RegistrationVerdict.pass()
                            : RegistrationVerdict.refuse(ReplyCode.ADMINISTRATIVELY_PROHIBITED, "vendor-says-no"));
                }
            });

            RegistrationDecision decision = process(node().before(cvse).after(fromForeignAgent).build());

            assertThat(handed).containsExactly("7 from the node", "8 from the foreign agent");
            assertThat(code(decision)).isEqualTo(ReplyCode.ADMINISTRATIVELY_PROHIBITED);
            assertThat(decision.reason()).contains("policy:vendor-says-no");
        }

        @Test
        void aHandlerThatCannotSayWhatItInterpretsInterpretsNothingAndFailsNoRequest() {
            vendorHandlers.add(new VendorExtensionHandler() {
                @Override
                public Set<VendorExtensionType> interprets() {
                    return null;
                }

                @Override
                public CompletionStage<RegistrationVerdict> handle(InboundRegistration registration, Binding proposed,
                        VendorSpecificExtension extension, boolean foreignAgent) {
                    throw new AssertionError("never asked");
                }
            });

            assertThat(code(process(node().before(cvse).build()))).isEqualTo(ReplyCode.CVSE_FROM_MN_UNINTERPRETABLE);
            assertThat(code(process(node().identification(now() + 1).build()))).isEqualTo(ReplyCode.ACCEPTED);
        }

        @Test
        void theHighestRankedHandlerOfATypeInterpretsIt() {
            List<String> asked = new ArrayList<>();
            VendorExtensionType type = new VendorExtensionType(true, 5535, 7);
            vendorHandlers.add(handlerNamed("first", type, asked));
            vendorHandlers.add(handlerNamed("second", type, asked));

            assertThat(code(process(node().before(cvse).build()))).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(asked).containsExactly("first");
        }

        private VendorExtensionHandler handlerNamed(String name, VendorExtensionType type, List<String> asked) {
            return new VendorExtensionHandler() {
                @Override
                public Set<VendorExtensionType> interprets() {
                    return Set.of(type);
                }

                @Override
                public CompletionStage<RegistrationVerdict> handle(InboundRegistration registration, Binding proposed,
                        VendorSpecificExtension extension, boolean foreignAgent) {
                    asked.add(name);
                    return RegistrationVerdict.PASSED;
                }
            };
        }

        @Test
        void aCvseThisHomeAgentInterpretsAndAnyNvsePass() {
            vendorHandlers.add(new PassingHandler(new VendorExtensionType(true, 5535, 7)));

            RegistrationDecision decision = process(node().before(cvse)
                    .before(new VendorSpecificExtension(false, 1, 1, new byte[0])).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
        }
    }

    @Nested
    class ForeignAgents {
        private final SecurityAssociation agent = new SecurityAssociation(Optional.of(ip("192.0.2.5")), Optional.empty(),
                1000, AuthenticationAlgorithm.HMAC_MD5, HexFormat.of().parseHex("8899aabbccddeeff0011223344556677"),
                ReplayProtection.TIMESTAMP);
        private final AuthenticationExtension foreignHome = AuthenticationExtension.toSign(
                AuthenticationExtension.FOREIGN_HOME, 0, 1000);

        /** The node's MN-HA extension, then the foreign agent's FA-HA extension signed with {@code key}. */
        private RequestBuilder relayed(SecurityAssociation signingAgent) {
            return node().authenticated((extension, data, offset, length) -> extension.type()
                    == AuthenticationExtension.FOREIGN_HOME ? signingAgent.authenticate(data, offset, length)
                    : NODE.authenticate(data, offset, length), AuthenticationExtension.mobileHome(256), foreignHome);
        }

        @Test
        void anAgentWeShareAnAssociationWithMustAuthenticateOrTheRequestIsRefusedWith132() {
            foreignAgents.add(agent);
            rebuild();
            SecurityAssociation wrongKey = new SecurityAssociation(agent.homeAddress(), Optional.empty(), 1000,
                    AuthenticationAlgorithm.HMAC_MD5, HexFormat.of().parseHex("00000000000000000000000000000000"),
                    ReplayProtection.TIMESTAMP);

            RegistrationDecision unsigned = process(node().build());
            RegistrationDecision badKey = process(relayed(wrongKey).identification(now() + 1).build());

            assertThat(code(unsigned)).isEqualTo(ReplyCode.FA_FAILED_AUTHENTICATION);
            assertThat(unsigned.reason()).contains("no-fa-ha-extension");
            assertThat(code(badKey)).isEqualTo(ReplyCode.FA_FAILED_AUTHENTICATION);
            assertThat(badKey.reason()).contains("fa-bad-authenticator");
            assertThat(store.size()).isZero();
        }

        @Test
        void anUnknownSpiOfTheAgentIsRefusedWith132() {
            foreignAgents.add(new SecurityAssociation(agent.homeAddress(), Optional.empty(), 1001, agent.algorithm(),
                    HexFormat.of().parseHex("8899aabbccddeeff0011223344556677"), ReplayProtection.TIMESTAMP));
            rebuild();

            RegistrationDecision decision = process(relayed(agent).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.FA_FAILED_AUTHENTICATION);
            assertThat(decision.reason()).contains("fa-unknown-spi");
        }

        @Test
        void anAuthenticatedAgentGetsAReplyWithAnFaHaExtensionAfterTheMnHaOneCoveringIt() {
            foreignAgents.add(agent);
            rebuild();

            RegistrationDecision decision = process(relayed(agent).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            RegistrationReply signed = signedAndDecoded(decision);
            List<AuthenticationExtension> auth = signed.extensions().stream()
                    .map(AuthenticationExtension.class::cast).toList();
            assertThat(auth).extracting(AuthenticationExtension::type)
                    .containsExactly(AuthenticationExtension.MOBILE_HOME, AuthenticationExtension.FOREIGN_HOME);
            byte[] wire = signed.wire().orElseThrow();
            assertThat(NODE.verify(wire, 0, auth.get(0).authenticatedLength(), auth.get(0).authenticator())).isTrue();
            assertThat(auth.get(1).authenticatedLength()).isEqualTo(wire.length - 16);
            assertThat(auth.get(1).spi()).isEqualTo(1000);
            assertThat(agent.verify(wire, 0, auth.get(1).authenticatedLength(), auth.get(1).authenticator())).isTrue();
        }

        @Test
        void anAgentWithoutASharedAssociationIsNeitherAskedNorAnsweredWithAnFaHaExtension() {
            RegistrationDecision decision = process(relayed(agent).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decision).extensions()).containsExactly(AuthenticationExtension.mobileHome(256));
        }
    }

    /** The foreign agents' associations of a test, by the agent's address. */
    private record ListedForeignAgents(List<SecurityAssociation> associations) implements ForeignAgentAssociations {

        @Override
        public Optional<SecurityAssociation> find(Inet4Address agent, long spi) {
            return associations.stream().filter(a -> a.homeAddress().orElseThrow().equals(agent) && a.spi() == spi)
                    .findFirst();
        }

        @Override
        public boolean sharesWith(Inet4Address agent) {
            return associations.stream().anyMatch(a -> a.homeAddress().orElseThrow().equals(agent));
        }

        @Override
        public List<SecurityAssociationInfo> describeAll() {
            return associations.stream().map(SecurityAssociation::describe).toList();
        }
    }

    @Nested
    class DynamicHomeAddresses {
        private RequestBuilder byNai(SecurityAssociation sa) {
            return request("0.0.0.0").nai(sa.nai().orElseThrow()).identification(now()).signedWith(sa);
        }

        @Test
        void aNodeAskingWithItsNaiGetsTheLowestFreePoolAddress() {
            RegistrationDecision decision = process(byNai(ALICE).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decision).homeAddress()).isEqualTo(ip("10.1.0.1"));
            assertThat(store.find(ip("10.1.0.1"))).singleElement()
                    .satisfies(b -> assertThat(b.nai()).contains("alice@example.net"));
            // RFC 2794 §2: the reply carries the NAI so a foreign agent can match it
            assertThat(reply(decision).extension(NaiExtension.class)).contains(new NaiExtension("alice@example.net"));
        }

        @Test
        void anAddressPromisedToANodeWaitingForItsVerdictIsNotGivenToAnother() {
            CompletableFuture<RegistrationVerdict> slow = new CompletableFuture<>();
            policies.add((registration, proposed) -> proposed.nai().equals(Optional.of("alice@example.net")) ? slow
                    : RegistrationVerdict.PASSED);

            CompletableFuture<RegistrationDecision> alice = processing(byNai(ALICE).build(), FROM_CARE_OF);
            RegistrationDecision bob = process(byNai(BOB).build());
            slow.complete(RegistrationVerdict.pass());

            assertThat(reply(alice.join()).homeAddress()).isEqualTo(ip("10.1.0.1"));
            assertThat(reply(bob).homeAddress()).isEqualTo(ip("10.1.0.2"));
            assertThat(store.find(ip("10.1.0.1"))).singleElement()
                    .satisfies(b -> assertThat(b.nai()).contains("alice@example.net"));
        }

        @Test
        void aPromiseEndsWithItsRequest() {
            CompletableFuture<RegistrationVerdict> slow = new CompletableFuture<>();
            policies.add((registration, proposed) -> proposed.nai().equals(Optional.of("alice@example.net")) ? slow
                    : RegistrationVerdict.PASSED);
            CompletableFuture<RegistrationDecision> alice = processing(byNai(ALICE).build(), FROM_CARE_OF);
            slow.complete(RegistrationVerdict.refuse(ReplyCode.ADMINISTRATIVELY_PROHIBITED, "aaa-reject"));
            assertThat(code(alice.join())).isEqualTo(ReplyCode.ADMINISTRATIVELY_PROHIBITED);

            RegistrationDecision bob = process(byNai(BOB).build());

            assertThat(reply(bob).homeAddress()).isEqualTo(ip("10.1.0.1"));
        }

        @Test
        void theNodeKeepsItsAddressWhenItAsksAgainOrNamesIt() {
            process(byNai(ALICE).build());
            process(byNai(BOB).build());
            clock.advance(Duration.ofSeconds(1));

            RegistrationDecision again = process(byNai(ALICE).build());
            clock.advance(Duration.ofSeconds(1));
            RegistrationDecision named = process(request("10.1.0.1").nai("alice@example.net").identification(now())
                    .signedWith(ALICE).build());

            assertThat(reply(again).homeAddress()).isEqualTo(ip("10.1.0.1"));
            assertThat(code(named)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(named).homeAddress()).isEqualTo(ip("10.1.0.1"));
            assertThat(store.size()).isEqualTo(2);
        }

        @Test
        void anExhaustedPoolIsRefusedWith130() {
            process(byNai(ALICE).build());
            process(byNai(BOB).build());

            RegistrationDecision decision = process(byNai(CAROL).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.INSUFFICIENT_RESOURCES);
            assertThat(decision.reason()).contains("pool-exhausted");
            assertThat(reply(decision).homeAddress()).isEqualTo(ip("0.0.0.0"));
        }

        @Test
        void withoutPoolsNoAddressCanBeAssigned() {
            configure("addressPools", new String[0]);

            RegistrationDecision decision = process(byNai(ALICE).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.INSUFFICIENT_RESOURCES);
            assertThat(decision.reason()).contains("no-address-pool");
        }

        @Test
        void anNaiCannotRegisterOrDeregisterAnAddressAnotherNodeHolds() {
            process(byNai(ALICE).build());
            clock.advance(Duration.ofSeconds(1));

            RegistrationDecision takeover = process(request("10.1.0.1").nai("bob@example.net").identification(now())
                    .signedWith(BOB).lifetime(0).build());
            RegistrationDecision staticAddress = process(request("10.0.0.10").nai("bob@example.net")
                    .identification(now() + 1).signedWith(BOB).build());

            assertThat(code(takeover)).isEqualTo(ReplyCode.ADMINISTRATIVELY_PROHIBITED);
            assertThat(code(staticAddress)).isEqualTo(ReplyCode.ADMINISTRATIVELY_PROHIBITED);
            assertThat(takeover.reason()).contains("home-address-not-authorized");
            assertThat(store.find(ip("10.1.0.1"))).hasSize(1);
        }

        @Test
        void aDynamicNodeDeregistersWithItsNai() {
            process(byNai(ALICE).build());
            clock.advance(Duration.ofSeconds(1));

            RegistrationDecision decision = process(byNai(ALICE).lifetime(0).build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(reply(decision).homeAddress()).isEqualTo(ip("10.1.0.1"));
            assertThat(store.size()).isZero();
        }
    }

    @Nested
    class Policies {
        @Test
        void theFirstRefusalWinsAndLaterPoliciesAreNotAsked() {
            List<String> asked = new ArrayList<>();
            policies.add(RegistrationPolicy.refusing((registration, proposed) -> {
                asked.add("first");
                assertThat(proposed.homeAddress()).isEqualTo(ip("10.0.0.10"));
                assertThat(proposed.grantedLifetime()).isEqualTo(600);
                return Optional.of(new RegistrationPolicy.Refusal(ReplyCode.ADMINISTRATIVELY_PROHIBITED, "blocked"));
            }));
            policies.add(RegistrationPolicy.refusing((registration, proposed) -> {
                asked.add("second");
                return Optional.of(new RegistrationPolicy.Refusal(ReplyCode.INSUFFICIENT_RESOURCES, "full"));
            }));

            RegistrationDecision decision = process(node().build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ADMINISTRATIVELY_PROHIBITED);
            assertThat(decision.reason()).contains("policy:blocked");
            assertThat(asked).containsExactly("first");
            assertThat(store.size()).isZero();
            assertThat(statistics.snapshot().refusalsByReason()).containsEntry("policy:blocked", 1L);
        }

        @Test
        void policiesThatLetThroughAreAllAsked() {
            List<String> asked = new ArrayList<>();
            policies.add(RegistrationPolicy.refusing((registration, proposed) -> {
                asked.add("first");
                return Optional.empty();
            }));
            policies.add(RegistrationPolicy.refusing((registration, proposed) -> {
                asked.add("second");
                return Optional.empty();
            }));

            assertThat(code(process(node().build()))).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(asked).containsExactly("first", "second");
        }

        @Test
        void aDiscardSendsNothingAndWritesNothing() {
            policies.add((registration, proposed) -> CompletableFuture.completedFuture(
                    RegistrationVerdict.discard("not-the-active-member")));

            RegistrationDecision decision = process(node().build());

            assertThat(decision.reply()).isEmpty();
            assertThat(decision.reason()).contains("policy:not-the-active-member");
            assertThat(store.size()).isZero();
        }

        @Test
        void extensionsOfPassingPoliciesGoIntoTheReplyBeforeTheAuthenticatorThatCoversThem() {
            VendorSpecificExtension advice = new VendorSpecificExtension(false, 32473, 2, new byte[] {9, 9});
            VendorSpecificExtension more = new VendorSpecificExtension(false, 32473, 3, new byte[] {7});
            policies.add((registration, proposed) -> CompletableFuture.completedFuture(
                    RegistrationVerdict.pass(List.of(advice))));
            policies.add((registration, proposed) -> CompletableFuture.completedFuture(
                    RegistrationVerdict.pass(List.of(more))));

            RegistrationDecision decision = process(node().build());

            assertThat(code(decision)).isEqualTo(ReplyCode.ACCEPTED);
            RegistrationReply signed = signedAndDecoded(decision);
            assertThat(signed.extensions()).containsExactly(advice, more, signed.extensions().get(2));
            AuthenticationExtension auth = signed.extension(AuthenticationExtension.class).orElseThrow();
            byte[] wire = signed.wire().orElseThrow();
            assertThat(auth.authenticatedLength()).isEqualTo(wire.length - 16);
            assertThat(NODE.verify(wire, 0, auth.authenticatedLength(), auth.authenticator())).isTrue();
        }

        @Test
        void theExtensionsOfARefusalGoIntoTheRefusingReplyUnderItsAuthenticator() {
            VendorSpecificExtension notNow = new VendorSpecificExtension(false, 32473, 2, new byte[] {1, 3});
            policies.add((registration, proposed) -> CompletableFuture.completedFuture(
                    RegistrationVerdict.refuse(200, "handoff-not-now", List.of(notNow))));

            RegistrationDecision decision = process(node().build());

            assertThat(code(decision)).isEqualTo(200);
            RegistrationReply signed = signedAndDecoded(decision);
            assertThat(signed.extensions()).containsExactly(notNow, signed.extensions().get(1));
            AuthenticationExtension auth = signed.extension(AuthenticationExtension.class).orElseThrow();
            byte[] wire = signed.wire().orElseThrow();
            assertThat(NODE.verify(wire, 0, auth.authenticatedLength(), auth.authenticator())).isTrue();
            assertThat(store.size()).isZero();
        }

        @Test
        void aPolicyMayNotBringItsOwnAuthenticationExtension() {
            policies.add((registration, proposed) -> CompletableFuture.completedFuture(
                    RegistrationVerdict.pass(List.of(AuthenticationExtension.mobileHome(1)))));

            RegistrationDecision decision = process(node().build());

            assertThat(code(decision)).isEqualTo(ReplyCode.REASON_UNSPECIFIED);
            assertThat(store.size()).isZero();
        }

        @Test
        void aLateVerdictWritesTheBindingWhenItComesAndNotBefore() {
            CompletableFuture<RegistrationVerdict> server = new CompletableFuture<>();
            policies.add((registration, proposed) -> server);

            CompletableFuture<RegistrationDecision> decided = processing(node().build(), FROM_CARE_OF);

            assertThat(decided).isNotDone();
            assertThat(store.size()).isZero();
            assertThat(deadlines.waiting()).containsExactly(Duration.ofSeconds(5));
            server.complete(RegistrationVerdict.pass());
            assertThat(decided).isDone();
            assertThat(code(decided.join())).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(store.size()).isEqualTo(1);
            assertThat(deadlines.waiting()).as("the deadline is cancelled").isEmpty();
        }

        @Test
        void aLateRefusalIsSentWithItsCode() {
            CompletableFuture<RegistrationVerdict> server = new CompletableFuture<>();
            policies.add((registration, proposed) -> server);

            CompletableFuture<RegistrationDecision> decided = processing(node().build(), FROM_CARE_OF);
            server.complete(RegistrationVerdict.refuse(ReplyCode.ADMINISTRATIVELY_PROHIBITED, "aaa-reject"));

            assertThat(code(decided.join())).isEqualTo(ReplyCode.ADMINISTRATIVELY_PROHIBITED);
            assertThat(decided.join().reason()).contains("policy:aaa-reject");
            assertThat(store.size()).isZero();
        }

        @Test
        void policiesAfterALateOneAreAskedWhenItAnswers() {
            CompletableFuture<RegistrationVerdict> server = new CompletableFuture<>();
            List<String> asked = new ArrayList<>();
            policies.add((registration, proposed) -> server);
            policies.add((registration, proposed) -> {
                asked.add("second");
                return RegistrationVerdict.PASSED;
            });

            CompletableFuture<RegistrationDecision> decided = processing(node().build(), FROM_CARE_OF);
            assertThat(asked).isEmpty();
            server.complete(RegistrationVerdict.pass());

            assertThat(asked).containsExactly("second");
            assertThat(code(decided.join())).isEqualTo(ReplyCode.ACCEPTED);
        }

        @Test
        void noVerdictWithinThePolicyTimeoutIsRefusedWith130AndALaterAnswerChangesNothing() {
            CompletableFuture<RegistrationVerdict> server = new CompletableFuture<>();
            policies.add((registration, proposed) -> server);

            CompletableFuture<RegistrationDecision> decided = processing(node().build(), FROM_CARE_OF);
            deadlines.expireAll();
            server.complete(RegistrationVerdict.pass());

            assertThat(code(decided.join())).isEqualTo(ReplyCode.INSUFFICIENT_RESOURCES);
            assertThat(decided.join().reason()).contains("policy-timeout");
            assertThat(store.size()).isZero();
            assertThat(statistics.snapshot().refusalsByReason()).containsEntry("policy-timeout", 1L);
        }

        @Test
        void aWaitingRegistrationOvertakenByANewerOneIsDiscardedInsteadOfPuttingTheOldCareOfBack() {
            CompletableFuture<RegistrationVerdict> slow = new CompletableFuture<>();
            policies.add((registration, proposed) -> proposed.careOfAddress().equals(ip("198.51.100.1")) ? slow
                    : RegistrationVerdict.PASSED);

            CompletableFuture<RegistrationDecision> older = processing(node().careOf("198.51.100.1").build(),
                    FROM_CARE_OF);
            RegistrationDecision newer = process(node().careOf("198.51.100.2").identification(now() + 1).build());
            slow.complete(RegistrationVerdict.pass());

            assertThat(code(newer)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(older.join().reply()).isEmpty();
            assertThat(older.join().reason()).contains("superseded");
            assertThat(store.find(ip("10.0.0.10"))).extracting(Binding::careOfAddress)
                    .containsExactly(ip("198.51.100.2"));
        }

        @Test
        void aWaitingRegistrationOvertakenByADeregistrationIsDiscardedInsteadOfBindingAgain() {
            CompletableFuture<RegistrationVerdict> slow = new CompletableFuture<>();
            policies.add((registration, proposed) -> proposed.grantedLifetime() > 0 ? slow : RegistrationVerdict.PASSED);

            CompletableFuture<RegistrationDecision> older = processing(node().careOf("198.51.100.1").build(),
                    FROM_CARE_OF);
            RegistrationDecision home = process(node().careOf("10.0.0.10").lifetime(0).identification(now() + 1)
                    .build());
            slow.complete(RegistrationVerdict.pass());

            assertThat(code(home)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(older.join().reason()).contains("superseded");
            assertThat(store.find(ip("10.0.0.10"))).as("the node said it is home").isEmpty();
        }

        @Test
        void aNewerRequestSupersedesAWaitingOneEvenWhenAPolicyRefusesIt() {
            CompletableFuture<RegistrationVerdict> slow = new CompletableFuture<>();
            policies.add((registration, proposed) -> proposed.careOfAddress().equals(ip("198.51.100.1")) ? slow
                    : CompletableFuture.completedFuture(RegistrationVerdict.refuse(ReplyCode.ADMINISTRATIVELY_PROHIBITED,
                            "not-there")));

            CompletableFuture<RegistrationDecision> older = processing(node().careOf("198.51.100.1").build(),
                    FROM_CARE_OF);
            RegistrationDecision newer = process(node().careOf("198.51.100.2").identification(now() + 1).build());
            slow.complete(RegistrationVerdict.pass());

            assertThat(code(newer)).isEqualTo(ReplyCode.ADMINISTRATIVELY_PROHIBITED);
            assertThat(older.join().reason()).as("the node waits for the newer reply only").contains("superseded");
            assertThat(store.size()).isZero();
        }

        @Test
        void aNonceNodesWaitingRegistrationIsOrderedByItsTurnNotByIdentification() {
            CompletableFuture<RegistrationVerdict> slow = new CompletableFuture<>();
            policies.add((registration, proposed) -> proposed.careOfAddress().equals(ip("198.51.100.1")) ? slow
                    : RegistrationVerdict.PASSED);
            // §5.7.2: the high-order bits of a nonce identification are the home agent's random
            // nonce; they say nothing of which request is newer.
            long first = reply(process(nonceNode(0, 0).build())).identification() >>> 32;
            RegistrationDecision held = process(nonceNode(first, 1).careOf("192.0.2.5").build());
            long second = reply(held).identification() >>> 32;
            assertThat(Long.compareUnsigned(first, second)).as("the binding held has the greater identification")
                    .isPositive();

            CompletableFuture<RegistrationDecision> waiting = processing(nonceNode(second, 2).careOf("198.51.100.1")
                    .build(), FROM_CARE_OF);
            slow.complete(RegistrationVerdict.pass());

            assertThat(code(waiting.join())).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(store.find(ip("10.0.0.11"))).extracting(Binding::careOfAddress)
                    .containsExactly(ip("198.51.100.1"));
        }

        private RequestBuilder nonceNode(long homeAgentNonce, int mobileNodeNonce) {
            return request("10.0.0.11").identification(homeAgentNonce << 32 | mobileNodeNonce).signedWith(NONCE_NODE);
        }

        @Test
        void anotherNodesRegistrationDoesNotSupersedeAWaitingOne() {
            CompletableFuture<RegistrationVerdict> slow = new CompletableFuture<>();
            policies.add((registration, proposed) -> proposed.homeAddress().equals(ip("10.0.0.10")) ? slow
                    : RegistrationVerdict.PASSED);

            CompletableFuture<RegistrationDecision> waiting = processing(node().build(), FROM_CARE_OF);
            RegistrationDecision other = process(request("10.0.0.12").identification(now() + 1)
                    .signedWith(OTHER_NODE).build());
            slow.complete(RegistrationVerdict.pass());

            assertThat(code(other)).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(code(waiting.join())).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(store.size()).isEqualTo(2);
        }

        @Test
        void aPolicyThatFailsLaterGetsTheRequest128() {
            CompletableFuture<RegistrationVerdict> server = new CompletableFuture<>();
            policies.add((registration, proposed) -> server);

            CompletableFuture<RegistrationDecision> decided = processing(node().build(), FROM_CARE_OF);
            server.completeExceptionally(new IllegalStateException("radius client bug"));

            assertThat(code(decided.join())).isEqualTo(ReplyCode.REASON_UNSPECIFIED);
            assertThat(decided.join().reason()).contains("internal-error");
        }

        @Test
        void aFailingPolicyGetsTheRequest128AndNothingEscapes() {
            policies.add(RegistrationPolicy.refusing((registration, proposed) -> {
                throw new IllegalStateException("policy bug");
            }));

            RegistrationDecision decision = process(node().build());

            assertThat(code(decision)).isEqualTo(ReplyCode.REASON_UNSPECIFIED);
            assertThat(decision.reason()).contains("internal-error");
            assertThat(reply(decision).extensions()).containsExactly(AuthenticationExtension.mobileHome(256));
        }
    }

    @Test
    void everyOutcomeIsCountedByCodeAndReason() {
        process(node().build());
        process(node().build());
        process(request("10.0.0.10").identification(now()).build());

        RegistrationCounters counters = statistics.snapshot();

        assertThat(counters.requestsReceived()).isEqualTo(3);
        assertThat(counters.repliesByCode()).containsExactly(Map.entry(0, 1L), Map.entry(133, 1L),
                Map.entry(134, 1L));
        assertThat(counters.refusalsByReason()).containsExactly(Map.entry("identification-not-increasing", 1L),
                Map.entry("no-auth-extension", 1L));
        assertThat(counters.discarded()).isZero();
    }

    private static SecurityAssociation naiAssociation(String nai) {
        return new SecurityAssociation(Optional.empty(), Optional.of(nai), 400, AuthenticationAlgorithm.HMAC_MD5, KEY,
                ReplayProtection.TIMESTAMP);
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }
}
