package net.homeagent.mip6;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * MIPv6 counters ({@code mip6:stats}): named counters, and Binding Acknowledgements by status code
 * (RFC 6275 §6.1.8). The node keeps one instance for its signalling path and one per role (home
 * agent, correspondent node), each role counting what its own Binding Updates did.
 */
public final class Mip6Counters {

    /** Whose a counter is: the shell shows each under its owner. */
    public enum Scope { SIGNALLING, EVERY_ROLE, CORRESPONDENT }

    /**
     * What is counted besides the acknowledgements. Each counter's number is its index in
     * HOMEAGENT-MIP6-MIB's hm6CounterTable: a new counter takes the next free number, and a number is
     * never given to another counter.
     */
    public enum Counter {
        PACKETS_RECEIVED(1, Scope.SIGNALLING, "packets read from the signalling device"),
        NOT_MOBILITY(2, Scope.SIGNALLING, "packets for one of our addresses that are not a Mobility Header (ignored)"),
        MALFORMED(3, Scope.SIGNALLING, "malformed packets or Mobility Headers (discarded, RFC 6275 §9.2)"),
        SEND_FAILURES(4, Scope.SIGNALLING, "packets that could not be written to the device"),
        TUNNELLED(5, Scope.SIGNALLING,
                "packets for a bound address tunnelled to its care-of address (RFC 2473, RFC 6275 §10.4.1)"),
        REVERSE_TUNNELLED(6, Scope.SIGNALLING, "reverse-tunnelled packets decapsulated and forwarded (RFC 6275 §10.4.5)"),
        REVERSE_REFUSED(7, Scope.SIGNALLING,
                "tunnelled packets dropped: not from the care-of address of the inner source's binding, or malformed"),
        NOT_BOUND(8, Scope.SIGNALLING, "packets for an address of a routed prefix without a binding (dropped)"),
        TOO_BIG(9, Scope.SIGNALLING, "packets too big for the tunnel (dropped, RFC 2473 §7.1)"),
        TOO_BIG_ANSWERED(10, Scope.SIGNALLING, "ICMPv6 Packet Too Big sent for them (RFC 4443 §3.2)"),
        PROXY_ADDED(11, Scope.SIGNALLING, "home addresses proxied on the home link (proxy Neighbor Discovery, RFC 6275 §10.4.1)"),
        PROXY_REMOVED(12, Scope.SIGNALLING, "home addresses no longer proxied (binding ended, or left over from before a start)"),
        PROXY_FAILED(13, Scope.SIGNALLING, "proxy entry or route changes the host refused"),
        ADVERTISEMENTS_SENT(14, Scope.SIGNALLING,
                "unsolicited Neighbor Advertisements multicast for them (Override set, RFC 6275 §10.4.1)"),
        ADVERTISEMENTS_FAILED(15, Scope.SIGNALLING, "Neighbor Advertisements that could not be sent"),
        OTHER_MESSAGES(16, Scope.EVERY_ROLE, "Mobility Headers this role does not answer (ignored)"),
        BINDING_UPDATES(17, Scope.EVERY_ROLE, "Binding Updates received"),
        REGISTRATIONS(18, Scope.EVERY_ROLE, "registrations accepted (new or renewed)"),
        DEREGISTRATIONS(19, Scope.EVERY_ROLE, "deregistrations accepted (RFC 6275 §9.5.3, §10.3.2)"),
        EXPIRED(20, Scope.EVERY_ROLE, "entries expired"),
        RESTORED(21, Scope.EVERY_ROLE, "entries restored from the backup at start"),
        RESTORE_EXPIRED(22, Scope.EVERY_ROLE, "backed-up entries already expired at start"),
        REFRESH_REQUESTS(23, Scope.EVERY_ROLE, "Binding Refresh Requests sent (recovery)"),
        VALIDATED(24, Scope.EVERY_ROLE, "restored entries validated by a Binding Update"),
        DELETED_SILENT(25, Scope.EVERY_ROLE, "restored entries deleted after silence"),
        BACKUP_FAILURES(26, Scope.EVERY_ROLE, "backup writes failed (answered 128)"),
        HOME_TESTS(27, Scope.CORRESPONDENT, "Home Test Init answered with a Home Test (RFC 6275 §9.4.1, §9.4.3)"),
        CARE_OF_TESTS(28, Scope.CORRESPONDENT, "Care-of Test Init answered with a Care-of Test (§9.4.2, §9.4.4)"),
        UNAUTHORIZED(29, Scope.CORRESPONDENT,
                "Binding Updates without Nonce Indices or Binding Authorization Data (discarded, §9.5.1)"),
        BAD_AUTHENTICATOR(30, Scope.CORRESPONDENT, "Binding Updates whose authenticator did not verify (discarded, §9.5.1)"),
        ECHO_ROUTE_OPTIMIZED(31, Scope.CORRESPONDENT,
                "Echo Replies on the optimized route: to the care-of address, type 2 routing header (§9.3.2)"),
        ECHO_DIRECT(32, Scope.CORRESPONDENT, "Echo Replies straight to an address without a binding"),
        UNKNOWN_HOME_ADDRESS(33, Scope.CORRESPONDENT,
                "packets with a Home Address option not bound to their source (dropped, §9.3.1)"),
        BINDING_ERRORS(34, Scope.CORRESPONDENT, "Binding Errors sent for them, status 1 (§9.3.3, rate-limited)"),
        ESP_ACCEPTED(35, Scope.SIGNALLING, "ESP packets to the home agent that passed every check (RFC 4303 §3.4)"),
        ESP_UNKNOWN_SPI(36, Scope.SIGNALLING, "ESP packets with an SPI of no security association (discarded, RFC 4303 §3.4.2)"),
        ESP_ICV_FAILED(37, Scope.SIGNALLING, "ESP packets whose ICV did not verify (discarded, RFC 4303 §3.4.4)"),
        ESP_REPLAYED(38, Scope.SIGNALLING,
                "ESP packets replayed or left of the 64-packet window (discarded, RFC 4303 §3.4.3)"),
        ESP_MALFORMED(39, Scope.SIGNALLING, "malformed ESP packets: length, padding (discarded)"),
        ESP_HOME_ADDRESS_MISMATCH(40, Scope.SIGNALLING,
                "ESP-protected Binding Updates for another home address than their SA's (discarded, RFC 4877 §4.3)"),
        ESP_NOT_PROTECTED(41, Scope.SIGNALLING,
                "home registrations not under ESP where the policy asks for it (discarded, RFC 4877 §4.3)"),
        ESP_SENT(42, Scope.SIGNALLING, "Binding Acknowledgements sent under ESP (RFC 4877 §4.1)"),
        ESP_SEQUENCE_EXHAUSTED(43, Scope.SIGNALLING,
                "acknowledgements not sent: the SA's sequence number counter is spent, rekey (RFC 4303 §3.3.3)");

        private final int number;
        private final Scope scope;
        private final String text;

        Counter(int number, Scope scope, String text) {
            this.number = number;
            this.scope = scope;
            this.text = text;
        }

        public int number() {
            return number;
        }

        public Scope scope() {
            return scope;
        }

        public String text() {
            return text;
        }
    }

    private final Map<Counter, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> acknowledgements = new ConcurrentHashMap<>();

    public void count(Counter counter) {
        counters.computeIfAbsent(counter, c -> new LongAdder()).increment();
    }

    public void count(Counter counter, long amount) {
        counters.computeIfAbsent(counter, c -> new LongAdder()).add(amount);
    }

    public void acknowledged(int status) {
        acknowledgements.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public long get(Counter counter) {
        LongAdder adder = counters.get(counter);
        return adder == null ? 0 : adder.sum();
    }

    /** Binding Acknowledgements sent, by status, in status order. */
    public Map<Integer, Long> acknowledgements() {
        Map<Integer, Long> sums = new TreeMap<>();
        acknowledgements.forEach((status, adder) -> sums.put(status, adder.sum()));
        return sums;
    }
}
