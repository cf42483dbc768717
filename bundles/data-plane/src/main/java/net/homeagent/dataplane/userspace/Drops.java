package net.homeagent.dataplane.userspace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Datagrams the forwarder did not forward, by reason. */
final class Drops {

    enum Reason {
        /** Routed to the TUN device but no binding (any more) for its destination. */
        NO_BINDING("no binding for the destination"),
        /** Not an IPv4 datagram, or its lengths do not add up. */
        MALFORMED("malformed datagram"),
        /** RFC 3024 §4.2.1: the outer source is not the care-of address of the inner source's binding. */
        NOT_FROM_CARE_OF("reverse tunnel not from the binding's care-of address"),
        /** RFC 3024 §4.3: the binding was granted without reverse tunnelling. */
        REVERSE_NOT_GRANTED("reverse tunnelling not granted"),
        /** RFC 2890 §2.1: a GRE key that is not the binding's. */
        WRONG_GRE_KEY("GRE key is not the binding's"),
        /** The raw socket's send buffer was full. */
        SEND_QUEUE_FULL("send queue full"),
        /** The TUN device's queue into the host was full. */
        TUN_QUEUE_FULL("TUN queue full");

        final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);

    Drops() {
        for (Reason reason : Reason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    void count(Reason reason) {
        counts.get(reason).increment();
    }

    void count(Reason reason, int how) {
        counts.get(reason).add(how);
    }

    long get(Reason reason) {
        return counts.get(reason).sum();
    }

    /** "reason: n" for every reason that happened. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        counts.forEach((reason, count) -> {
            if (count.sum() > 0) {
                lines.add("dropped, " + reason.text + ": " + count.sum());
            }
        });
        return lines;
    }
}
