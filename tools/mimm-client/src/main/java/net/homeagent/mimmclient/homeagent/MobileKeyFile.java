package net.homeagent.mimmclient.homeagent;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The mobiles a {@code listen} command receives reactive advice for, one a line:
 * {@code <home address> <spi> <hex key>}; {@code #} starts a comment. A bad line is refused with its number.
 */
public final class MobileKeyFile {

    private MobileKeyFile() {
    }

    public static List<MobileNodeKey> parse(List<String> lines, Inet4Address homeAgent) {
        List<MobileNodeKey> mobiles = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                if (f.length != 3) {
                    throw new IllegalArgumentException("expected <home> <spi> <hex key>, got " + f.length + " fields");
                }
                Inet4Address home = Ipv4.parse(f[0]).orElseThrow(() -> new IllegalArgumentException("'" + f[0]
                        + "' is not an IPv4 address"));
                mobiles.add(new MobileNodeKey(home, homeAgent, Long.parseLong(f[1]), HexFormat.of().parseHex(f[2])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (mobiles.isEmpty()) {
            throw new IllegalArgumentException("no mobile in the file");
        }
        return mobiles;
    }
}
