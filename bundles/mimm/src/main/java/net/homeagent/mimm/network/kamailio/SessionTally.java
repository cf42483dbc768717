package net.homeagent.mimm.network.kamailio;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.homeagent.mimm.network.Network;
import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mimm.network.RealTimeSessionSource.SessionLoad;

/**
 * The real-time sessions per network of a list of dialogs (docs/mimm.md, "kamailio session
 * source"). Each established dialog has two legs, caller and callee; a leg counts one session in
 * the network its Contact address is in:
 * <ol>
 * <li>the Contact host is the home address of a mobile with a binding: the network of its care-of
 * address. A Mobile IP mobile registers its home address with the SIP server, since that address
 * survives handoffs (RFC 5944 §1), so the Contact says who, and the binding says where the radio is;</li>
 * <li>else the Contact host is in a network's care-of prefixes (a phone that registers the address
 * it has in that network, a co-located care-of address): that network;</li>
 * <li>else (a host name, IPv6, an address outside every network, no Contact yet) the leg is not in
 * a network the advisor knows: counted as unmapped.</li>
 * </ol>
 * A call between two mobiles of one network counts twice there: two streams over its radio.
 * The kbit/s of a network are its sessions times the configured rate of a session.
 */
final class SessionTally {

    /** {@code sip:} or {@code sips:}, an optional user part, then the host (an IPv4 literal is all we map). */
    private static final Pattern SIP_HOST = Pattern.compile("^\\s*<?sips?:(?:[^@;>]*@)?([^:;>?\\s]+)");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Sessions per network id (networks without sessions absent) and the legs in no known network. */
    record Result(Map<Integer, SessionLoad> loads, int dialogs, int unmappedLegs) {
        Result {
            loads = Map.copyOf(loads);
        }
    }

    private final NetworkPlan plan;
    private final NetworkLoad load;
    private final long sessionKbps;

    SessionTally(NetworkPlan plan, NetworkLoad load, long sessionKbps) {
        if (sessionKbps < 0) {
            throw new IllegalArgumentException("the kbit/s of a session is not negative: " + sessionKbps);
        }
        this.plan = plan;
        this.load = load;
        this.sessionKbps = sessionKbps;
    }

    Result count(List<Dialog> dialogs) {
        Map<Integer, Integer> sessions = new HashMap<>();
        int established = 0;
        int unmapped = 0;
        for (Dialog dialog : dialogs) {
            if (!dialog.established()) {
                continue;
            }
            established++;
            for (String contact : new String[] {dialog.callerContact(), dialog.calleeContact()}) {
                OptionalInt network = networkOf(contact);
                if (network.isPresent()) {
                    sessions.merge(network.getAsInt(), 1, Integer::sum);
                } else {
                    unmapped++;
                }
            }
        }
        Map<Integer, SessionLoad> loads = new HashMap<>();
        sessions.forEach((network, count) -> loads.put(network, new SessionLoad(count, count * sessionKbps)));
        return new Result(loads, established, unmapped);
    }

    private OptionalInt networkOf(String contact) {
        Optional<Inet4Address> address = ipv4Host(contact);
        if (address.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt mobile = load.networkOfHome(address.get());
        if (mobile.isPresent()) {
            return mobile;
        }
        return plan.byCareOf(address.get()).map(Network::id).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** The IPv4 literal host of a SIP or SIPS URI, empty for anything else (never a DNS lookup). */
    static Optional<Inet4Address> ipv4Host(String uri) {
        Matcher m = SIP_HOST.matcher(uri);
        if (!m.find() || !IPV4.matcher(m.group(1)).matches()) {
            return Optional.empty();
        }
        for (String octet : m.group(1).split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return Optional.empty();
            }
        }
        try {
            // a dotted quad of octets is parsed, never resolved
            return Optional.of((Inet4Address) InetAddress.getByName(m.group(1)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
