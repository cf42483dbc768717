package net.homeagent.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.TunnelSpec;

/** The data plane: which implementation, whether it forwards (and why not), its tunnels and counters. */
@Command(scope = "mip", name = "dataplane", description = "Shows the data plane: implementation, forwarding on or "
        + "off, tunnels and their counters")
@Service
public class DataPlaneCommand extends RenderedCommand {

    private static final String NL = System.lineSeparator();
    static final int DEFAULT_LIMIT = 50;

    @Reference
    DataPlane dataPlane;

    @Option(name = "--limit", description = "Most tunnels to list (default 50; 0 = none)")
    int limit = DEFAULT_LIMIT;

    @Override
    String render() {
        if (limit < 0) {
            throw new InvalidArgumentException("--limit must be 0 or more, not " + limit);
        }
        DataPlaneStatus status = dataPlane.status();
        StringBuilder out = new StringBuilder();
        out.append("Data plane ").append(status.implementation()).append(": forwarding ")
                .append(status.forwarding() ? "ON" : "OFF").append(NL);
        out.append("    ").append(status.detail()).append(NL);
        status.facts().forEach(fact -> out.append("    ").append(fact).append(NL));
        out.append("Tunnels: ").append(status.tunnels()).append(NL);
        dataPlane.tunnels().stream().limit(limit).forEach(t -> append(out, t));
        if (status.tunnels() > limit) {
            out.append("... ").append(status.tunnels() - limit).append(" more (--limit)").append(NL);
        }
        return out.toString();
    }

    private void append(StringBuilder out, TunnelSpec t) {
        out.append(BindingText.address(t.homeAddress())).append(" -> ").append(BindingText.address(t.careOfAddress()))
                .append(' ').append(BindingText.tunnel(t.encapsulation(), t.innerEncapsulation()))
                .append(t.udpPeer().map(p -> " via " + p.getAddress().getHostAddress() + ":" + p.getPort()).orElse(""))
                .append(", source ").append(BindingText.address(t.source()))
                .append(", reverse ").append(BindingText.yesNo(t.reverseTunnel())).append(NL);
        dataPlane.counters(t.key()).ifPresent(c -> out.append("    ").append(TunnelText.counters(c)).append(NL));
    }
}
