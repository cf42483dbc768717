package net.homeagent.delegation.wire;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import net.homeagent.mip.api.Encapsulation;

/**
 * The messages of the PHA/SHA delegation protocol on peer-link service 3 (docs/protocols.md,
 * "Delegation"). Every message carries a transaction id chosen by its sender: an answer repeats the
 * id of the request it answers, so that the primary can tell which of its requests was accepted.
 */
public sealed interface DelegationMessage {

    /** The sender's number for this request (an answer: the request's), 0 to 2^32-1. */
    long transaction();

    /**
     * PHA to SHA: intercept {@code home} on the home link and tunnel its traffic to {@code careOf}
     * with {@code tunnelSource} (the PHA's address) as outer source, for {@code durationSeconds}
     * (the binding's remaining lifetime; {@link #NEVER} for a binding that never expires). A Start
     * for a home address the SHA already forwards replaces its entry (new care-of, renewal).
     *
     * @param udpPeer for UDP tunnelling (RFC 3519) the NAT's mapping of the mobile; empty otherwise
     */
    record StartForwarding(long transaction, Inet4Address home, Inet4Address careOf, Inet4Address tunnelSource,
            Encapsulation encapsulation, Encapsulation innerEncapsulation, boolean reverseTunnel,
            Optional<InetSocketAddress> udpPeer, long durationSeconds) implements DelegationMessage {

        /** The duration of a binding that never expires (RFC 5944 §3.3, lifetime all ones). */
        public static final long NEVER = 0xFFFF_FFFFL;

        public StartForwarding {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(careOf, "careOf");
            Objects.requireNonNull(tunnelSource, "tunnelSource");
            Objects.requireNonNull(udpPeer, "udpPeer");
            Encapsulation.requireInner(encapsulation, innerEncapsulation);
            if ((encapsulation == Encapsulation.UDP) != udpPeer.isPresent()) {
                throw new IllegalArgumentException("a UDP tunnel (and only one) names the mobile's NAT mapping");
            }
            if (durationSeconds < 1 || durationSeconds > NEVER) {
                throw new IllegalArgumentException("duration " + durationSeconds + " s out of 1.." + NEVER);
            }
            DelegationCodec.requireTransaction(transaction);
        }
    }

    /** SHA to PHA: the answer to a Start Forwarding of the same transaction. */
    record StartAck(long transaction, Inet4Address home, Result result) implements DelegationMessage {
        public StartAck {
            Objects.requireNonNull(home, "home");
            if (!result.answersStart()) {
                throw new IllegalArgumentException(result + " does not answer a Start Forwarding");
            }
            DelegationCodec.requireTransaction(transaction);
        }
    }

    /** PHA to SHA: stop intercepting and tunnelling {@code home}. */
    record StopForwarding(long transaction, Inet4Address home) implements DelegationMessage {
        public StopForwarding {
            Objects.requireNonNull(home, "home");
            DelegationCodec.requireTransaction(transaction);
        }
    }

    /** SHA to PHA: the answer to a Stop Forwarding of the same transaction. */
    record StopAck(long transaction, Inet4Address home, Result result) implements DelegationMessage {
        public StopAck {
            Objects.requireNonNull(home, "home");
            if (!result.answersStop()) {
                throw new IllegalArgumentException(result + " does not answer a Stop Forwarding");
            }
            DelegationCodec.requireTransaction(transaction);
        }
    }

    /**
     * SHA to PHA, every heartbeat interval: alive, with the entries it forwards and its capacity (0:
     * no limit). The transaction is the heartbeat's number; nothing answers it.
     */
    record Heartbeat(long transaction, long entries, long capacity) implements DelegationMessage {
        public Heartbeat {
            DelegationCodec.requireTransaction(transaction);
            DelegationCodec.requireUnsigned32("entries", entries);
            DelegationCodec.requireUnsigned32("capacity", capacity);
        }
    }

    /**
     * SHA to PHA, every {@code loadReportMillis}: the packets its data plane tunnelled, so that the
     * PHA's load policies can weigh its mobiles (issue 13, "Policies"). The transaction is the
     * report's number, counting up by one from 1 in each life of the SHA's link; nothing answers it.
     * A PHA that knows no type 6 drops it (counted), so an SHA that sends it still works with one.
     *
     * @param totalPackets packets tunnelled for all its delegated entries since the role started,
     *                     never decreasing (an entry removed keeps its share)
     * @param uptimeMillis when the counters were read, in milliseconds since the SHA role started
     *                     (its own clock): the PHA divides by these, not by when reports reach it
     * @param truncated    more entries changed than one report holds ({@link #MAX_ENTRIES}): those
     *                     left out are the ones with the fewest new packets
     * @param entries      each entry whose tunnel counted packets since the previous report, and each
     *                     entry started since then, with its tunnel's packet count since installed;
     *                     an entry not listed in a report that is not truncated counted nothing since
     *                     the previous report
     */
    record LoadReport(long transaction, long totalPackets, long uptimeMillis, boolean truncated,
            List<EntryPackets> entries)
            implements DelegationMessage {

        /** So that a report fits the peer link's smallest payload at its default MTU (1,400 bytes). */
        public static final int MAX_ENTRIES = 100;

        public LoadReport {
            DelegationCodec.requireTransaction(transaction);
            entries = List.copyOf(entries);
            if (totalPackets < 0 || uptimeMillis < 0) {
                throw new IllegalArgumentException("total packets " + totalPackets + " or uptime " + uptimeMillis
                        + " negative");
            }
            if (entries.size() > MAX_ENTRIES) {
                throw new IllegalArgumentException(entries.size() + " entries, a report holds " + MAX_ENTRIES);
            }
        }
    }

    /**
     * Several Starts and Stops (PHA to SHA), or their acks (SHA to PHA), as one peer-link message:
     * one acknowledgement, one retransmission timer and one hand-over per batch instead of per mobile,
     * in a burst of registrations. Each element is a whole payload of type 1 to 4 (header included),
     * decoded and answered as if it had come alone; the SHA answers a batch with a batch of the acks
     * of its elements.
     *
     * @param transaction the sender's number of the batch (an answer: the request batch's); every
     *                    element carries its own transaction
     * @param elements    1 to {@link #MAX_ELEMENTS} encoded payloads of types 1 to 4, each of its
     *                    type's length
     */
    record Batch(long transaction, List<byte[]> elements) implements DelegationMessage {

        /** So that a batch of acks answering any batch stays small (64 x 11 bytes). */
        public static final int MAX_ELEMENTS = 64;

        public Batch {
            DelegationCodec.requireTransaction(transaction);
            elements = List.copyOf(elements);
            if (elements.isEmpty() || elements.size() > MAX_ELEMENTS) {
                throw new IllegalArgumentException(elements.size() + " elements, a batch holds 1.." + MAX_ELEMENTS);
            }
            for (byte[] element : elements) {
                if (DelegationCodec.batchElementLength(element).isEmpty()) {
                    throw new IllegalArgumentException("not a Start, Stop or their ack: " + element.length + " bytes");
                }
            }
        }

        /** A batch of these messages, each a Start, a Stop or one of their acks. */
        public static Batch of(long transaction, List<? extends DelegationMessage> messages) {
            return new Batch(transaction, messages.stream().map(DelegationCodec::encode).toList());
        }
    }

    /** One delegated home address and the packets its tunnel counted since it was installed. */
    record EntryPackets(Inet4Address home, long packets) {
        public EntryPackets {
            Objects.requireNonNull(home, "home");
            if (packets < 0) {
                throw new IllegalArgumentException("packets " + packets + " is negative");
            }
        }
    }
}
