package net.homeagent.ha.transport;

import static net.homeagent.ha.RequestBuilder.ip;
import static net.homeagent.ha.RequestBuilder.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.epoll.Epoll;

import net.homeagent.ha.RequestBuilder;
import net.homeagent.ha.HomeAgentSettings;
import net.homeagent.ha.TestConfigs;
import net.homeagent.ha.registration.PolicyStage;
import net.homeagent.ha.registration.RegistrationProcessor;
import net.homeagent.ha.statistics.HomeAgentStatistics;
import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.InMemorySecurityAssociations;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;

/** The real UDP socket on 127.0.0.1: a Registration Request in, a signed Registration Reply out. */
class HomeAgentServerTest {
    private static final SecurityAssociation NODE = new SecurityAssociation(Optional.of(ip("10.0.0.10")),
            Optional.empty(), 256, AuthenticationAlgorithm.HMAC_MD5,
            java.util.HexFormat.of().parseHex("00112233445566778899aabbccddeeff"), ReplayProtection.TIMESTAMP);

    private final FakeBindingStore store = new FakeBindingStore();
    private final HomeAgentStatistics statistics = new HomeAgentStatistics();
    private HomeAgentServer server;
    private InetSocketAddress listening;

    @BeforeEach
    void start() {
        HomeAgentSettings settings = TestConfigs.settings(Map.of("listenAddresses", new String[] {"127.0.0.1"},
                "port", 0, "eventLoops", 2));
        RegistrationProcessor processor = new RegistrationProcessor(store,
                new InMemorySecurityAssociations().add(NODE), settings, Clock.systemUTC(), PolicyStage.none(), statistics);
        server = new HomeAgentServer(processor, statistics, settings, Clock.systemUTC());
        assertThat(server.boundAddresses()).hasSize(1);
        listening = server.boundAddresses().get(0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private RegistrationReply exchange(byte[] request) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0))) {
            // a bound on how long a lost reply can stall the build, not a timing assertion
            socket.setSoTimeout(10_000);
            socket.send(new DatagramPacket(request, request.length, listening));
            DatagramPacket received = new DatagramPacket(new byte[1500], 1500);
            socket.receive(received);
            assertThat(received.getSocketAddress()).isEqualTo(listening);
            return (RegistrationReply) RequestBuilder.decode(
                    Arrays.copyOf(received.getData(), received.getLength()));
        }
    }

    @Test
    void answersARealRequestWithASignedReplyAndKeepsTheBinding() throws IOException {
        long identification = RequestBuilder.timestamp(Clock.systemUTC().instant());

        RegistrationReply reply = exchange(request("10.0.0.10").homeAgent("127.0.0.1").careOf("127.0.0.1")
                .identification(identification).signedWith(NODE).encode());

        assertThat(reply.code()).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(reply.homeAgent()).isEqualTo(ip("127.0.0.1"));
        assertThat(reply.identification()).isEqualTo(identification);
        AuthenticationExtension auth = reply.extension(AuthenticationExtension.class).orElseThrow();
        assertThat(NODE.verify(reply.wire().orElseThrow(), 0, auth.authenticatedLength(), auth.authenticator()))
                .isTrue();
        assertThat(store.find(ip("10.0.0.10"))).hasSize(1);
        assertThat(statistics.snapshot().repliesByCode()).containsEntry(0, 1L);
    }

    @Test
    void answersAPoorlyFormedRequestWith134() throws IOException {
        byte[] fixedPart = request("10.0.0.10").homeAgent("127.0.0.1").encode();
        byte[] truncated = Arrays.copyOf(fixedPart, fixedPart.length + 2);
        truncated[fixedPart.length] = (byte) 131;
        truncated[fixedPart.length + 1] = 40;

        RegistrationReply reply = exchange(truncated);

        assertThat(reply.code()).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
        assertThat(reply.extensions()).isEmpty();
    }

    @Test
    void aBurstFromManySourcesIsAnsweredWholeFromTheAddressItWasSentTo() throws IOException {
        // several sockets per address (SO_REUSEPORT, one per event loop) where the transport has
        // them; a burst larger than one receive batch from several client ports
        HomeAgentSettings settings = TestConfigs.settings(Map.of("listenAddresses", new String[] {"127.0.0.1"},
                "port", 0, "eventLoops", 3, "receiveBatch", 4));
        InMemorySecurityAssociations associations = new InMemorySecurityAssociations();
        int nodes = 40;
        for (int i = 0; i < nodes; i++) {
            associations.add(new SecurityAssociation(Optional.of(ip("10.0.1." + i)), Optional.empty(), 256,
                    AuthenticationAlgorithm.HMAC_MD5, NODE.key(), ReplayProtection.TIMESTAMP));
        }
        HomeAgentServer shared = new HomeAgentServer(new RegistrationProcessor(store, associations, settings,
                Clock.systemUTC(), PolicyStage.none(), statistics), statistics, settings, Clock.systemUTC());
        List<DatagramSocket> clients = new ArrayList<>();
        try {
            assertThat(shared.boundAddresses()).hasSize(1);
            assertThat(shared.socketCount()).isEqualTo(Epoll.isAvailable() ? 3 : 1);
            InetSocketAddress target = shared.boundAddresses().get(0);
            long identification = RequestBuilder.timestamp(Clock.systemUTC().instant());
            for (int c = 0; c < 4; c++) {
                DatagramSocket client = new DatagramSocket(new InetSocketAddress(ip("127.0.0.1"), 0));
                client.setReceiveBufferSize(1 << 20);
                // a bound on how long a lost reply can stall the build, not a timing assertion
                client.setSoTimeout(10_000);
                clients.add(client);
            }
            for (int i = 0; i < nodes; i++) {
                byte[] request = request("10.0.1." + i).homeAgent("127.0.0.1").careOf("127.0.0.1")
                        .identification(identification).signedWith(associations.forHomeAddress(ip("10.0.1." + i), 256)
                                .orElseThrow()).encode();
                clients.get(i % clients.size()).send(new DatagramPacket(request, request.length, target));
            }
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < nodes; i++) {
                DatagramPacket received = new DatagramPacket(new byte[1500], 1500);
                clients.get(i % clients.size()).receive(received);
                assertThat(received.getSocketAddress()).isEqualTo(target);
                RegistrationReply reply = (RegistrationReply) RequestBuilder.decode(
                        Arrays.copyOf(received.getData(), received.getLength()));
                assertThat(reply.code()).isEqualTo(ReplyCode.ACCEPTED);
                answered.add(reply.homeAddress().getHostAddress());
            }
            assertThat(answered).hasSize(nodes);
        } finally {
            clients.forEach(DatagramSocket::close);
            shared.stop();
        }
    }

    @Test
    void aPortInUseIsLoggedAndTheOtherAddressesStillServe() {
        HomeAgentServer second = new HomeAgentServer(request -> {
            throw new AssertionError("the second server must not receive anything");
        }, statistics,
                // sharing the port between its own sockets must not let it share another's
                TestConfigs.settings(Map.of("listenAddresses", new String[] {"127.0.0.1,127.0.0.2"},
                        "port", listening.getPort(), "eventLoops", 2)),
                Clock.systemUTC());
        try {
            assertThat(second.boundAddresses()).extracting(InetSocketAddress::getAddress)
                    .doesNotContain(ip("127.0.0.1"));
        } finally {
            second.stop();
        }
    }
}
