package net.homeagent.mip.codec.mimm;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a codec made of vendor data: the message, or why it is malformed. Bad input from the
 * network is an answer, not an exception (house rule 5).
 */
@ProviderType
public sealed interface Decoded<T> {

    record Valid<T>(T message) implements Decoded<T> {
    }

    /**
     * @param counterKey a short fixed text for the counters and the rate-limited log (never peer data)
     * @param detail     the same with the offending values, for the log line
     */
    record Malformed<T>(String counterKey, String detail) implements Decoded<T> {
    }

    static <T> Decoded<T> malformed(String counterKey, String detail) {
        return new Malformed<>(counterKey, counterKey + ": " + detail);
    }
}
