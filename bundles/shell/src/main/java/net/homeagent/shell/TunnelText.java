package net.homeagent.shell;

import net.homeagent.mip.api.TunnelCounters;

/** How the data plane's counters read in the mip: commands. */
final class TunnelText {

    private TunnelText() {
    }

    static String counters(TunnelCounters c) {
        return "Tunnelled " + c.packetsTunnelled() + " packets / " + c.bytesTunnelled() + " bytes, reverse "
                + c.packetsReverse() + " packets / " + c.bytesReverse() + " bytes, reverse refused "
                + c.refusedReverse() + (c.scope() == TunnelCounters.Scope.SHARED_TUNNEL
                        ? " (the care-of address's shared tunnel)" : "");
    }
}
