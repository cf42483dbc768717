package net.homeagent.hacn;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

import net.homeagent.mip.codec.wire.Ipv4;

/** Parses the addresses of the configuration: {@code a.b.c.d} and {@code a.b.c.d:port}. */
public final class Endpoints {

    private Endpoints() {
    }

    /** @throws IllegalArgumentException naming {@code key} if {@code text} is no IPv4 address */
    public static Inet4Address address(String key, String text) {
        return Ipv4.parse(text.trim()).orElseThrow(() -> new IllegalArgumentException(key + ": not an IPv4 address: '"
                + text + "'"));
    }

    /** @throws IllegalArgumentException naming {@code key} if {@code text} is not {@code address:port} */
    public static InetSocketAddress socket(String key, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(key + ": not address:port: '" + text + "'");
        }
        return new InetSocketAddress(address(key, text.substring(0, colon)), port(key, text.substring(colon + 1)));
    }

    private static int port(String key, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(key + ": not a UDP port: '" + text + "'");
    }
}
