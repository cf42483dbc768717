package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.hacn.wire.HacnMessage;
import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.hacn.wire.HacnMessage.Heartbeat;
import net.homeagent.hacn.wire.HacnMessage.SnapshotRequest;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.peer.GroupDelivery;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerLinkStatus;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;
import net.homeagent.peer.PeerReceiver;

/**
 * The real peer link delivers on its own thread from the moment a service is open, possibly
 * before {@code open} returned (run-hacn.sh saw an HA's first heartbeat arrive then): the control
 * node must take it as any other, and send on the channel it is opening.
 */
class ControlCoreStartTest {

    static final InetSocketAddress HA1 = new InetSocketAddress(ip("10.0.0.11"), 7434);

    @Test
    void anHaHeardWhileTheServiceOpensIsAskedForItsTableOnTheOpenedChannel() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
        List<HacnMessage> sent = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        PeerLink racing = new PeerLink() {
            @Override
            public int nodeId() {
                return 100;
            }

            @Override
            public int groupId() {
                return 1;
            }

            @Override
            public PeerChannel open(int service, PeerReceiver receiver) {
                PeerChannel channel = new PeerChannel() {
                    @Override
                    public CompletionStage<Void> send(InetSocketAddress peer, byte[] payload) {
                        try {
                            sent.add(HacnCodec.decode(payload, clock.instant()));
                        } catch (Exception e) {
                            failed.set(e);
                        }
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public GroupDelivery sendToGroup(Collection<PeerNode> members, byte[] payload) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void announce(byte[] payload) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void close() {
                    }
                };
                // the link's thread delivers HA 1's first heartbeat now; open() returns meanwhile
                Thread link = new Thread(() -> {
                    try {
                        receiver.receive(new PeerMessage(service, new PeerNode(1, HA1), 7,
                                HacnCodec.encode(new Heartbeat(0, 0, AgentRole.ACTIVE), clock.instant())));
                    } catch (Throwable e) {
                        failed.set(e);
                    }
                    delivered.complete(null);
                }, "peer-link-test");
                link.start();
                try {
                    link.join(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return channel;
            }

            @Override
            public PeerLinkStatus status() {
                throw new UnsupportedOperationException();
            }
        };

        ControlCore core = new ControlCore(Deployment.settings(List.of(new AgentSpec(1, HA1, false, 0, 0)), 3, true,
                Duration.ZERO), racing, clock, event -> { });
        delivered.get(10, TimeUnit.SECONDS);

        assertThat(failed.get()).as("the delivery did not fail").isNull();
        assertThat(sent).singleElement().isInstanceOf(SnapshotRequest.class);
        assertThat(core.view()).filteredOn(a -> a.nodeId() == 1).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AgentState.ACTIVE));
    }
}
