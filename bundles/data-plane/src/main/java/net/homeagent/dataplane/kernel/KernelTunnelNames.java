package net.homeagent.dataplane.kernel;

import java.util.regex.Pattern;

import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Names of the kernel tunnel devices, 15 characters (IFNAMSIZ - 1), readable and derived from
 * what the tunnel is, so that reconcile after a crash finds ours among the host's devices:
 * {@code mii<care-of hex 8><source hash 4>} for IP in IP, one per care-of address (and source),
 * shared by every home address there; {@code mig<home hex 8><care-of+source hash 4>} for GRE,
 * one per binding, since a kernel GRE device has one key and the key is the home address.
 */
final class KernelTunnelNames {

    static final Pattern OURS = Pattern.compile("mi[ig][0-9a-f]{12}");

    private KernelTunnelNames() {
    }

    static String of(TunnelSpec spec) {
        int source = Ipv4.toInt(spec.source());
        int careOf = Ipv4.toInt(spec.careOfAddress());
        if (spec.encapsulation() == Encapsulation.GRE) {
            return "mig" + hex8(Ipv4.toInt(spec.homeAddress())) + hash16(careOf * 31 + source);
        }
        return "mii" + hex8(careOf) + hash16(source);
    }

    private static String hex8(int value) {
        return String.format("%08x", value);
    }

    private static String hash16(int value) {
        int mixed = value * 0x9E3779B1;
        return String.format("%04x", (mixed >>> 16) & 0xffff);
    }
}
