package net.homeagent.dataplane.host;

/** Tells the home link that a home address is now at the home agent (RFC 5944 §4.6). */
@FunctionalInterface
public interface Announcer {
    void announce(int homeAddress);
}
