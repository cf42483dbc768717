package net.homeagent.shell;

import java.net.Inet4Address;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.RegistrationFlags;

/** How the binding commands write the fields of a binding, the same way in every command. */
final class BindingText {

    private BindingText() {
    }

    /** Seconds as {@code hh:mm:ss}, hours not wrapped at 24, as IOS shows lifetimes. */
    static String hms(long seconds) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** The 64-bit identification as IOS shows it: high and low 32 bits in hex, dot between. */
    static String identification(long identification) {
        return String.format(Locale.ROOT, "%08X.%08X", identification >>> 32, identification & 0xffffffffL);
    }

    /** The name used for the encapsulation in etc/net.homeagent.ha.cfg, e.g. {@code ip-in-ip}. */
    static String encapsulation(Encapsulation encapsulation) {
        return encapsulation.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The tunnel, and for UDP (RFC 3519 §3.1) what it carries: {@code gre}, {@code udp/minimal}. */
    static String tunnel(Encapsulation encapsulation, Encapsulation inner) {
        return encapsulation == Encapsulation.UDP ? encapsulation(encapsulation) + "/" + encapsulation(inner)
                : encapsulation(encapsulation);
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    static String address(Inet4Address address) {
        return address.getHostAddress();
    }

    /**
     * Who sent the registration: with the D flag the mobile node decapsulates itself at a
     * co-located care-of address and registers directly (RFC 5944 §3.6.1.1); otherwise the
     * request was relayed by a foreign agent.
     */
    static String sourceRole(Binding binding) {
        return RegistrationFlags.isSet(binding.flags(), RegistrationFlags.D) ? "mobile node, co-located care-of"
                : "foreign agent";
    }

    static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
