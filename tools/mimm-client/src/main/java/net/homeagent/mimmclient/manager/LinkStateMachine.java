package net.homeagent.mimmclient.manager;

import java.lang.System.Logger.Level;

import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.monitor.LinkSample;
import net.homeagent.mimmclient.signal.SignalAverage;

/**
 * The state of one link, from its samples: the table of docs/mimm.md "Client: link states", the
 * five thresholds of the multi-interface mobility management design applied to the averaged signal.
 * Each transition is logged at INFO and counted ({@code link <from>-><to>}).
 * <p>
 * Leaving for INACTIVE also looks at the raw sample: averaging is there so that a short fade does not
 * start a handoff and a short peak does not attract one, but a link that is dead now is dead now,
 * whatever its average says (the design's rule that the mobile never stays on an inactive link). The
 * average then restarts at the raw value ({@link SignalAverage#restartAt}), so the link climbs back
 * through available and active at the averaging's pace instead of jumping back to its old average.
 */
final class LinkStateMachine {

    private static final System.Logger LOG = System.getLogger(LinkStateMachine.class.getName());

    private final String iface;
    private final Thresholds thresholds;
    private final SignalAverage average;
    private final Counters counters;
    private LinkState state = LinkState.DOWN;
    private double averageDbm = Double.NEGATIVE_INFINITY;
    private int rawDbm = Integer.MIN_VALUE;

    LinkStateMachine(String iface, Thresholds thresholds, SignalAverage average, Counters counters) {
        this.iface = iface;
        this.thresholds = thresholds;
        this.average = average;
        this.counters = counters;
    }

    /** Feeds one sample; returns the state after it. */
    LinkState update(LinkSample sample) {
        rawDbm = sample.signalDbm();
        averageDbm = average.add(rawDbm);
        LinkState next = next(sample.up());
        if (next != state) {
            if (next == LinkState.DOWN || next == LinkState.INACTIVE) {
                average.restartAt(rawDbm);
                averageDbm = rawDbm;
            }
            LOG.log(Level.INFO, "{0}: {1} -> {2} (raw {3} dBm, average {4} dBm)", iface, state, next, rawDbm,
                    String.format(java.util.Locale.ROOT, "%.1f", averageDbm));
            counters.increment("link " + state + "->" + next);
            state = next;
        }
        return state;
    }

    private LinkState next(boolean up) {
        if (!up) {
            return LinkState.DOWN;
        }
        if (rawDbm < thresholds.inactive() || averageDbm < thresholds.inactive()) {
            return LinkState.INACTIVE;
        }
        return switch (state) {
            case DOWN, INACTIVE -> averageDbm >= thresholds.available() ? level(LinkState.AVAILABLE) : LinkState.INACTIVE;
            case AVAILABLE -> level(LinkState.AVAILABLE);
            case ACTIVE -> averageDbm < thresholds.deteriorating() ? LinkState.DETERIORATING : level(LinkState.ACTIVE);
            case STABLE -> averageDbm < thresholds.deteriorating() ? LinkState.DETERIORATING
                    : averageDbm < thresholds.active() ? LinkState.ACTIVE : LinkState.STABLE;
            case DETERIORATING -> level(LinkState.DETERIORATING);
        };
    }

    /** Up to STABLE or ACTIVE if the average reaches it, else {@code otherwise}. */
    private LinkState level(LinkState otherwise) {
        if (averageDbm >= thresholds.stable()) {
            return LinkState.STABLE;
        }
        return averageDbm >= thresholds.active() ? LinkState.ACTIVE : otherwise;
    }

    String iface() {
        return iface;
    }

    LinkState state() {
        return state;
    }

    double averageDbm() {
        return averageDbm;
    }

    int rawDbm() {
        return rawDbm;
    }
}
