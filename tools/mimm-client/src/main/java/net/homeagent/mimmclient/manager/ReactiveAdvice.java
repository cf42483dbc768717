package net.homeagent.mimmclient.manager;

import java.util.OptionalInt;

/**
 * Advice the network pushes without being asked (issue 15, "Reactive advice"): leave this network.
 *
 * @param networkId     the network to leave and avoid
 * @param reason        why, as the advisor's alert says it (for the log)
 * @param expirySeconds how long to avoid it; {@link #REST_OF_SESSION} = for the rest of the session
 * @param alternative   a network the advisor suggests instead
 */
public record ReactiveAdvice(int networkId, String reason, long expirySeconds, OptionalInt alternative) {

    public static final long REST_OF_SESSION = -1;

    public ReactiveAdvice {
        if (expirySeconds < 1 && expirySeconds != REST_OF_SESSION) {
            throw new IllegalArgumentException("expiry is a positive number of seconds or -1: " + expirySeconds);
        }
    }
}
