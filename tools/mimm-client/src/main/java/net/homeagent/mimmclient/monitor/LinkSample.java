package net.homeagent.mimmclient.monitor;

import java.util.Objects;

/**
 * One interface at one moment.
 *
 * @param iface     the interface name (e.g. {@code wlan0})
 * @param signalDbm its signal strength, dBm; a wired link reports {@link #WIRED_SIGNAL_DBM}
 * @param up        whether the link is up (operstate up and carrier present)
 */
public record LinkSample(String iface, int signalDbm, boolean up) {

    /**
     * A wire has no radio signal: an up wired link reports 0 dBm, above every threshold a radio
     * link is judged by, so that a cable always counts as a strong link.
     */
    public static final int WIRED_SIGNAL_DBM = 0;

    public LinkSample {
        Objects.requireNonNull(iface, "iface");
    }
}
