package net.homeagent.group;

import static net.homeagent.group.TestBindings.ip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage;
import net.homeagent.group.wire.SyncMessage.LearnChunk;
import net.homeagent.group.wire.SyncMessage.LearnRequest;
import net.homeagent.group.wire.SyncMessage.Relearn;
import net.homeagent.group.wire.SyncMessage.RepairRequest;
import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerNode;
import net.homeagent.peer.link.LoopbackPeerLinks;
import net.homeagent.peer.vrrp.KeepalivedNotice;

/**
 * Real group binding sync traffic on 127.0.0.1 for tools/wireshark/check-dissector.sh to capture
 * and decode with homeagent-peer.lua: every message type of docs/protocols.md, "Group binding
 * sync", from real members over real peer links. Members 1 and 2 start together (learn requests,
 * "not initialized" answers, heartbeats), each alone stands by, member 1 becomes active (term 1)
 * and replicates 12 registrations (one with an NAI, one home address with two bindings) and a
 * deregistration to member 2. Node 3, a bare channel, asks member 1 for the table (learn chunks),
 * for changes 1-3 (resent) and for changes up to 1000 (re-learn). Prints what node 3 received.
 *
 * <p>Arguments: the ports of nodes 1, 2 and 3.
 */
public final class GroupTraffic {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private GroupTraffic() {
    }

    public static void main(String[] args) throws Exception {
        PeerNode one = new PeerNode(1, LoopbackPeerLinks.loopback(Integer.parseInt(args[0])));
        PeerNode two = new PeerNode(2, LoopbackPeerLinks.loopback(Integer.parseInt(args[1])));
        PeerNode three = new PeerNode(3, LoopbackPeerLinks.loopback(Integer.parseInt(args[2])));
        PeerLink linkOne = LoopbackPeerLinks.start(one, List.of(two, three));
        PeerLink linkTwo = LoopbackPeerLinks.start(two, List.of(one, three));
        PeerLink linkThree = LoopbackPeerLinks.start(three, List.of(one, two));
        FakeBindingStore storeOne = new FakeBindingStore();
        FakeBindingStore storeTwo = new FakeBindingStore();
        ExecutorScheduler schedulerOne = new ExecutorScheduler();
        ExecutorScheduler schedulerTwo = new ExecutorScheduler();
        GroupMember memberOne = member(linkOne, storeOne, schedulerOne);
        GroupMember memberTwo = member(linkTwo, storeTwo, schedulerTwo);
        Queue<SyncMessage> atThree = new ConcurrentLinkedQueue<>();
        PeerChannel channel = linkThree.open(GroupMember.SERVICE,
                message -> atThree.add(SyncCodec.decode(message.payload(), Instant.now())));
        try {
            memberOne.start();
            memberTwo.start();
            await("both members stand by alone", () -> memberOne.state() == MemberState.STANDBY
                    && memberTwo.state() == MemberState.STANDBY);
            memberOne.keepalived(new KeepalivedNotice("INSTANCE", "VI_HA", "MASTER"));
            await("member 1 active, member 2 heard", () -> memberOne.state() == MemberState.ACTIVE
                    && memberOne.members().get(2).map(m -> m.state() == MemberState.STANDBY).orElse(false));

            Instant now = Instant.now();
            for (int i = 1; i <= 12; i++) {
                storeOne.register(binding("10.1.0." + i, "198.51.100." + i, now, i == 5 ? "mn5@example.net" : null),
                        false);
            }
            storeOne.register(binding("10.1.0.1", "203.0.113.9", now, null), true); // a second binding (S)
            storeOne.removeAll(ip("10.1.0.12"), RemovalReason.DEREGISTERED);
            await("member 2 holds member 1's table", () -> storeTwo.size() == storeOne.size());

            channel.announce(SyncCodec.encode(new LearnRequest(3, 77), Instant.now()));
            await("node 3 got the whole table", () -> chunks(atThree) > 0 && chunks(atThree) == chunkCount(atThree));
            long term = memberOne.snapshot().term();
            channel.send(one.address(), SyncCodec.encode(new RepairRequest(term, 1, 3), Instant.now()));
            channel.send(one.address(), SyncCodec.encode(new RepairRequest(term, 1, 1000), Instant.now()));
            await("node 3 got 3 resent changes and a re-learn", () -> count(atThree, StateChange.class) == 3
                    && count(atThree, Relearn.class) == 1);
            System.out.println("group traffic: member 1 " + memberOne.state().label() + " in term " + term + ", sent "
                    + memberOne.snapshot().lastSequence() + " changes; member 2 holds " + storeTwo.size()
                    + " bindings; node 3 got " + chunks(atThree) + " learn chunks with "
                    + atThree.stream().filter(LearnChunk.class::isInstance)
                            .mapToInt(m -> ((LearnChunk) m).bindings().size()).sum()
                    + " bindings, " + count(atThree, StateChange.class) + " resent changes, "
                    + count(atThree, Relearn.class) + " re-learn");
        } finally {
            memberOne.close();
            memberTwo.close();
            schedulerOne.close();
            schedulerTwo.close();
            Thread.sleep(300); // the last acks leave before the links close
            LoopbackPeerLinks.stop(linkOne);
            LoopbackPeerLinks.stop(linkTwo);
            LoopbackPeerLinks.stop(linkThree);
        }
    }

    private static GroupMember member(PeerLink link, FakeBindingStore store, ExecutorScheduler scheduler) {
        // a learn timeout of 3 s: both members must still be learning when the other's request comes,
        // to answer it "not initialized"; with 600 ms a loaded CI box started member 2 too late once
        GroupSettings settings = new GroupSettings("VI_HA", "192.0.2.1", Optional.empty(), Optional.empty(), false, true,
                Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(3), Duration.ofMillis(200),
                Duration.ofSeconds(5), Duration.ofSeconds(60), 400, Duration.ofMillis(300), 64);
        GroupMember member = new GroupMember(settings, link, store, new StoreSnapshots(store), Clock.systemUTC(),
                scheduler, event -> {
                });
        store.listen(member.replicator());
        return member;
    }

    private static Binding binding(String home, String careOf, Instant now, String nai) {
        return new Binding(ip(home), ip(careOf), ip("192.0.2.1"), ip(careOf), 434, Optional.ofNullable(nai), 600, now,
                now.plusSeconds(600), now.getEpochSecond() << 32, 0x10, Encapsulation.IP_IN_IP, false);
    }

    private static long count(Queue<SyncMessage> messages, Class<? extends SyncMessage> type) {
        return messages.stream().filter(type::isInstance).count();
    }

    private static long chunks(Queue<SyncMessage> messages) {
        return count(messages, LearnChunk.class);
    }

    private static long chunkCount(Queue<SyncMessage> messages) {
        return messages.stream().filter(LearnChunk.class::isInstance).mapToLong(m -> ((LearnChunk) m).count())
                .findFirst().orElse(-1);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("group traffic: not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
