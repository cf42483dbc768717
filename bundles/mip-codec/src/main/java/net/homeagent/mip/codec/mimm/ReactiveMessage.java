package net.homeagent.mip.codec.mimm;

import java.net.Inet4Address;
import java.util.OptionalInt;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The messages of MIMM reactive advice (docs/protocols.md "MIMM reactive advice"): the advisor
 * tells a mobile to leave a network without being asked, the mobile acknowledges, or asks (pull).
 * Each is one UDP datagram between the home agent and the mobile's home address, and names the
 * home address and an identification (RFC 5944 §5.7.1 timestamp form) that the receiver checks
 * against replay. Since 1.1.0.
 */
@ProviderType
public sealed interface ReactiveMessage {

    /** The mobile whose security association authenticates the message. */
    Inet4Address homeAddress();

    /** Identification against replay; an acknowledgement or an answer echoes the one it answers. */
    long identification();

    /**
     * Leave {@code network}: the advisor to the mobile.
     *
     * @param expirySeconds avoid the network that many seconds (1..2^31-1), or {@link #REST_OF_SESSION}
     * @param alternative   a network the advisor suggests instead
     * @param pulled        an answer to a {@link Pull} (its identification echoed), not a push
     */
    record Advice(Inet4Address homeAddress, long identification, int network, AlertReason reason,
            long expirySeconds, OptionalInt alternative, boolean pulled) implements ReactiveMessage {

        public static final long REST_OF_SESSION = -1;

        public Advice {
            RequestHandoff.requireNetworkId(network, "network");
            alternative.ifPresent(id -> RequestHandoff.requireNetworkId(id, "alternative network"));
            if (expirySeconds != REST_OF_SESSION && (expirySeconds < 1 || expirySeconds > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("expiry is 1.." + Integer.MAX_VALUE + " s or -1: " + expirySeconds);
            }
        }
    }

    /** The mobile got the advice with this identification (sent for an authentic one only). */
    record Ack(Inet4Address homeAddress, long identification) implements ReactiveMessage {
    }

    /** The mobile asks for the advice that holds for it now. */
    record Pull(Inet4Address homeAddress, long identification) implements ReactiveMessage {
    }

    /** The answer to a {@link Pull} when no alert concerns the mobile's network. */
    record NothingToAdvise(Inet4Address homeAddress, long identification) implements ReactiveMessage {
    }
}
