package net.homeagent.mimm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

/** Addresses, bindings and the three-network plan the tests share. */
public final class Fixtures {

    /**
     * 1 wlan-a 10.1.0.0/16 (2 mobiles, 1000 kbit/s), 2 cell-b 10.2.0.0/16 (100 mobiles, 10000 kbit/s),
     * 3 wlan-c 10.3.0.0/16 (10 mobiles, 2000 kbit/s, 8000 kbit/s forwarded) with the smaller cell
     * 10.3.9.0/24 being network 4 (50 mobiles, 5000 kbit/s).
     */
    public static final List<String> PLAN_LINES = List.of(
            "# id name type prefixes mobiles kbit/s [forwarded kbit/s]",
            "1 wlan-a   wlan     10.1.0.0/16 2 1000",
            "2 cell-b   cellular 10.2.0.0/16,172.16.0.0/12 100 10000   # two blocks",
            "",
            "3 wlan-c   wlan     10.3.0.0/16 10 2000 8000",
            "4 hotspot  wlan     10.3.9.0/24 50 5000");

    private Fixtures() {
    }

    public static NetworkPlan plan() {
        return NetworkPlan.parse(PLAN_LINES);
    }

    public static Inet4Address ip(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Binding binding(String home, String careOf) {
        Instant t = Instant.parse("2026-12-06T03:00:00Z");
        return new Binding(ip(home), ip(careOf), ip("192.0.2.1"), ip(careOf), 434, Optional.empty(), 1800, t,
                t.plusSeconds(1800), 1, 0, Encapsulation.IP_IN_IP, false);
    }
}
