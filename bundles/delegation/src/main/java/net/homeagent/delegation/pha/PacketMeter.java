package net.homeagent.delegation.pha;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Packets per interval from cumulative counters: each sample is a counter's value at an instant,
 * read where the traffic is forwarded ({@code place}: the PHA or an SHA's node id). The rate is the
 * difference of two samples of the same place scaled to the interval; a sample from another place
 * (the mobile moved, its new tunnel counts from 0) or a counter that went back (its tunnel was
 * installed again) starts over, and the rate is unknown until the next sample. Not thread-safe: the
 * {@link PrimaryAgent} calls it under its lock.
 *
 * @param <K> what is measured: a mobile's home address, an SHA's node id
 */
final class PacketMeter<K> {

    private record Sample(int place, long packets, Instant at, OptionalLong rate) {
    }

    private final Duration interval;
    private final Map<K, Sample> samples = new HashMap<>();

    PacketMeter(Duration interval) {
        this.interval = interval;
    }

    /** {@code key}'s counter at {@code place} read {@code packets} at {@code at}. */
    void sample(K key, int place, long packets, Instant at) {
        Sample before = samples.get(key);
        OptionalLong rate = OptionalLong.empty();
        if (before != null && before.place == place && packets >= before.packets) {
            long millis = Duration.between(before.at, at).toMillis();
            if (millis <= 0) {
                return; // the same instant: nothing to learn, keep the earlier sample
            }
            rate = OptionalLong.of(Math.round((packets - before.packets) * (double) interval.toMillis() / millis));
        }
        samples.put(key, new Sample(place, packets, at, rate));
    }

    /** The counter {@code key} had at its last sample at {@code place}, if that is where it was read. */
    OptionalLong last(K key, int place) {
        Sample s = samples.get(key);
        return s != null && s.place == place ? OptionalLong.of(s.packets) : OptionalLong.empty();
    }

    /** Packets per interval between the last two samples of the same place; empty if unknown. */
    OptionalLong rate(K key) {
        Sample s = samples.get(key);
        return s == null ? OptionalLong.empty() : s.rate;
    }

    void forget(K key) {
        samples.remove(key);
    }
}
