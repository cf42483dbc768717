package net.homeagent.peer.link;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;

/**
 * What the link does with each datagram it reads (docs/protocols.md, "Peer link", checks in
 * order): decode and authenticate it, check it against the sender's replay window, then hand its
 * acks to the reliable sends and its data records to the channels, acknowledging them. Whatever
 * is dropped is counted by reason and logged at most once per reason per 10 s, and changes no
 * state. Used on the event loop only.
 */
final class DatagramReception {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramReception.class);

    private final LinkSettings settings;
    private final KeyRing keys;
    private final LinkCounters counters;
    private final RateLimitedLog log;
    private final ReliableSends reliable;
    private final OutboundBatches batches;
    private final Map<Integer, LinkChannel> channels;
    private final Map<InetSocketAddress, Integer> knownPeers;
    private final Map<Integer, SenderState> senders = new HashMap<>();

    /**
     * @param channels   the open channels by service (read only here)
     * @param knownPeers node ids by address, which this adds each authenticated sender to
     */
    DatagramReception(LinkSettings settings, KeyRing keys, LinkCounters counters, RateLimitedLog log,
            ReliableSends reliable, OutboundBatches batches, Map<Integer, LinkChannel> channels,
            Map<InetSocketAddress, Integer> knownPeers) {
        this.settings = settings;
        this.keys = keys;
        this.counters = counters;
        this.log = log;
        this.reliable = reliable;
        this.batches = batches;
        this.channels = channels;
        this.knownPeers = knownPeers;
    }

    /** One datagram from the socket; never throws for what the datagram holds. */
    void receive(byte[] datagram, InetSocketAddress source) {
        counters.datagramsReceived.incrementAndGet();
        DatagramCodec.Decoded decoded = DatagramCodec.decode(datagram, settings.groupId(), keys::mac);
        if (!decoded.accepted()) {
            drop(decoded.drop(), decoded.detail(), source);
            return;
        }
        DatagramHeader header = decoded.header();
        if (header.senderNode() == settings.nodeId()) {
            return; // our own multicast, looped back to this host's sockets
        }
        SenderState known = senders.get(header.senderNode());
        if (known != null && header.senderEpoch() < known.epoch) {
            drop(DropReason.REPLAY, "epoch " + header.senderEpoch() + " of node " + header.senderNode()
                    + " is older than its epoch " + known.epoch, source);
            return;
        }
        SenderState sender = known != null && known.epoch == header.senderEpoch() ? known
                : new SenderState(header.senderEpoch(), settings.replayWindow());
        if (sender.datagrams.check(header.sequence()) != ReplayWindow.Verdict.NEW) {
            drop(DropReason.REPLAY, "datagram " + Long.toUnsignedString(header.sequence()) + " of node "
                    + header.senderNode() + " seen or older than the window", source);
            return;
        }
        sender.datagrams.mark(header.sequence());
        if (sender != known) {
            senders.put(header.senderNode(), sender);
            LOG.info("peer link: node {} at {} {} (epoch {})", header.senderNode(), source,
                    known == null ? "heard for the first time" : "restarted", header.senderEpoch());
        }
        knownPeers.put(source, header.senderNode());
        PeerNode from = new PeerNode(header.senderNode(), source);
        for (PeerRecord record : decoded.records()) {
            if (record instanceof PeerRecord.Ack ack) {
                reliable.acknowledged(from, ack);
            } else if (record instanceof PeerRecord.Data data) {
                deliver(from, sender, data);
            }
        }
    }

    /** Counts and logs a datagram dropped by the link for {@code reason}. */
    void drop(DropReason reason, String detail, InetSocketAddress source) {
        counters.drop(reason);
        log.warn(reason.key(), "peer link dropped a datagram from {} ({}): {}", source, reason.key(), detail);
    }

    private void deliver(PeerNode from, SenderState sender, PeerRecord.Data data) {
        LinkChannel target = channels.get(data.service());
        if (target == null) {
            drop(DropReason.NO_CHANNEL, "service " + data.service() + " is not open", from.address());
            return;
        }
        ReplayWindow.Verdict verdict = sender.messages.check(data.messageSequence());
        if (verdict == ReplayWindow.Verdict.TOO_OLD) {
            // whether it was delivered is forgotten: no ack, the sender gives up and says so
            drop(DropReason.REPLAY, "message " + Long.toUnsignedString(data.messageSequence()) + " of node "
                    + from.nodeId() + " is older than the duplicate window", from.address());
            return;
        }
        if (verdict == ReplayWindow.Verdict.NEW) {
            try {
                target.receiver.receive(new PeerMessage(data.service(), from, sender.epoch, data.payload()));
            } catch (RuntimeException e) {
                log.warn("receiver-" + data.service(), "peer link service {} failed on message {} of node {}; not"
                        + " acknowledged, it will come again", data.service(), data.messageSequence(), from.nodeId(), e);
                return;
            }
            sender.messages.mark(data.messageSequence());
            counters.messagesDelivered.incrementAndGet();
        }
        // a duplicate (our ack was lost) is acknowledged again, not delivered again
        if (data.ackRequested()) {
            batches.add(from.address(), new PeerRecord.Ack(sender.epoch, data.messageSequence()).encode());
        }
    }
}
