package net.homeagent.dataplane;

import java.util.function.Consumer;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.TunnelSpec;

/** One call the binding driver makes on the data plane, with what it is for a log line when it fails. */
record TunnelCall(String what, Consumer<DataPlane> call) {

    static TunnelCall install(TunnelSpec tunnel) {
        return new TunnelCall("install " + text(tunnel), plane -> plane.install(tunnel));
    }

    static TunnelCall update(BindingKey previous, TunnelSpec tunnel) {
        return new TunnelCall("move " + text(previous) + " to " + tunnel.careOfAddress().getHostAddress(),
                plane -> plane.update(previous, tunnel));
    }

    static TunnelCall remove(BindingKey key) {
        return new TunnelCall("remove " + text(key), plane -> plane.remove(key));
    }

    static TunnelCall standBy() {
        return new TunnelCall("stand by (withdraw every home address)", DataPlane::standBy);
    }

    private static String text(TunnelSpec tunnel) {
        return text(tunnel.key()) + " (" + tunnel.encapsulation() + ")";
    }

    private static String text(BindingKey key) {
        return key.homeAddress().getHostAddress() + " at " + key.careOfAddress().getHostAddress();
    }
}
