package net.homeagent.hacn;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

import net.homeagent.mip.codec.wire.Ipv4;

/** Parses the configuration's addresses ({@code a.b.c.d}, {@code a.b.c.d:port}) and lists. */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * The items of a multi-value key: several values, or one text separated by {@code separators}
     * (a regular expression), as a .cfg file gives them.
     */
    public static List<String> items(String[] values, String separators) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(separators))).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
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
