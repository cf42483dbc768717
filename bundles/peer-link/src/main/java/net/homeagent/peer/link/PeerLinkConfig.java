package net.homeagent.peer.link;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the peer link, ConfigAdmin PID {@value #PID} (etc/net.homeagent.peer.cfg).
 * Every key has an embedded default; the default is off, so an appliance without the file (or
 * with the file as shipped) boots as before and nothing listens. Wire format: docs/protocols.md,
 * "Peer link".
 */
@ObjectClassDefinition(id = PeerLinkConfig.PID, name = "Peer link",
        description = "Authenticated, acknowledged datagrams between appliance nodes")
public @interface PeerLinkConfig {

    String PID = "net.homeagent.peer";

    @AttributeDefinition(description = "Whether the link starts; off by default: nothing listens")
    boolean enabled() default false;

    @AttributeDefinition(description = "This node's id, 1 to 2147483647, unique in the deployment")
    int nodeId() default 0;

    @AttributeDefinition(description = "The group id every datagram carries; datagrams of another group are dropped")
    int groupId() default 0;

    @AttributeDefinition(description = "Local IPv4 address of the link's unicast socket; 0.0.0.0 = any")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(description = "UDP port of the link (the same on every node of a multicast group)")
    int port() default 7434;

    @AttributeDefinition(description = "IPv4 multicast group of sendToGroup and announce, e.g. 239.255.74.34; empty ="
            + " unicast fan-out to every configured peer")
    String multicastGroup() default "";

    @AttributeDefinition(description = "Network interface name to join the multicast group on and send it from;"
            + " empty = the one of bindAddress, else the system's choice")
    String multicastInterface() default "";

    @AttributeDefinition(description = "IP TTL of multicast datagrams (1 = the local link)")
    int multicastTtl() default 1;

    @AttributeDefinition(description = "Other nodes, nodeId@host:port; with no multicast group, sendToGroup and"
            + " announce fan out to them")
    String[] peers() default {};

    @AttributeDefinition(description = "The link's HMAC keys (one per line: <key-id> hmac-sha256 <0xHEX> [send])")
    String keysFile() default "${karaf.etc}/peer-keys.conf";

    @AttributeDefinition(description = "Largest datagram sent, bytes (UDP payload): batches are filled up to it")
    int mtu() default 1400;

    @AttributeDefinition(description = "First retransmission of an unacknowledged message after this many ms")
    long retransmitInitialMillis() default 200;

    @AttributeDefinition(description = "The retransmission interval doubles up to this many ms")
    long retransmitMaxMillis() default 3200;

    @AttributeDefinition(description = "A message not acknowledged this many ms after its first transmission fails"
            + " with PeerUnreachableException")
    long giveUpMillis() default 10000;

    /*
     * As wide as what a sender may still retransmit: a message is retransmitted until giveUpMillis,
     * and a retransmission older than the window is refused as a replay, so the message is lost
     * although the link is up. 1024 lasted ~2 s of a group's sync under load and lost changes at
     * 20 % loss (docs/redundancy.md, "Proof"); 65,536 covers 10 s at 6,500 messages/s, for 16 KiB
     * of bitmaps per sender.
     */
    @AttributeDefinition(description = "Width in sequence numbers of each replay window (RFC 4303 §3.4.3), a"
            + " multiple of 64; cover what a sender can send within giveUpMillis")
    int replayWindow() default 65536;
}
