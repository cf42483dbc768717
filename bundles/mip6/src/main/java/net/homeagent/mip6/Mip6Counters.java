package net.homeagent.mip6;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The home agent's MIPv6 counters ({@code mip6:stats}). Named counters, and Binding
 * Acknowledgements by status code (RFC 6275 §6.1.8).
 */
public final class Mip6Counters {

    /** What is counted besides the acknowledgements. */
    public enum Counter {
        PACKETS_RECEIVED("packets read from the signalling device"),
        NOT_MOBILITY("packets that are not a Mobility Header for us (ignored)"),
        MALFORMED("malformed packets or Mobility Headers (discarded, RFC 6275 §9.2)"),
        OTHER_MESSAGES("Mobility Headers other than Binding Update (ignored by a home agent)"),
        BINDING_UPDATES("Binding Updates received"),
        REGISTRATIONS("home registrations accepted (new or renewed)"),
        DEREGISTRATIONS("deregistrations accepted (RFC 6275 §10.3.2)"),
        EXPIRED("entries expired"),
        RESTORED("entries restored from the backup at start"),
        RESTORE_EXPIRED("backed-up entries already expired at start"),
        REFRESH_REQUESTS("Binding Refresh Requests sent (recovery)"),
        VALIDATED("restored entries validated by a Binding Update"),
        DELETED_SILENT("restored entries deleted after silence"),
        BACKUP_FAILURES("backup writes failed (answered 128)"),
        SEND_FAILURES("packets that could not be written to the device");

        private final String text;

        Counter(String text) {
            this.text = text;
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
