package net.homeagent.mip6.ipsec;

import net.homeagent.mip6.Mip6Counters.Counter;

/** Why an ESP packet was discarded (RFC 4303 §3.4), and the counter that counts it. */
final class EspDiscard extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Counter counter;

    EspDiscard(Counter counter, String reason) {
        super(reason, null, false, false);   // an expected outcome of bad input: no stack trace
        this.counter = counter;
    }

    Counter counter() {
        return counter;
    }
}
