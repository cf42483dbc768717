package net.homeagent.loadgen;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * A load generator floods its target: it may only aim at this host (a loopback address or one
 * of the addresses of its interfaces), never at another machine by mistake.
 */
final class TargetAddressCheck {

    private TargetAddressCheck() {
    }

    static boolean isThisHost(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
