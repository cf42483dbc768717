package net.homeagent.mimm.reactive;

import java.net.Inet4Address;

/**
 * Where reactive advice datagrams go: the UDP endpoint sends each to the mobile's home address (the
 * host routes it; the data plane tunnels it to the care-of address when it forwards); the unit
 * tests and the 100,000-mobile measurement collect them.
 */
@FunctionalInterface
interface AdviceSink {

    void send(Inet4Address home, byte[] datagram);
}
