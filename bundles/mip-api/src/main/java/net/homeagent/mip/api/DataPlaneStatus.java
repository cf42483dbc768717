package net.homeagent.mip.api;

import java.util.List;

/**
 * The state of the data plane, for operators.
 *
 * @param implementation "user-space (TUN)", "kernel (ipip/gre)" or "none"
 * @param forwarding     true when datagrams are really forwarded; false says why in {@code detail}
 * @param detail         one line: the devices used, or why forwarding is off
 * @param tunnels        bindings installed
 * @param facts          further lines, e.g. "home link eth1", "TUN mip0 mtu 1400", drops by reason
 */
public record DataPlaneStatus(String implementation, boolean forwarding, String detail, int tunnels,
        List<String> facts) {

    public DataPlaneStatus {
        facts = List.copyOf(facts);
    }
}
