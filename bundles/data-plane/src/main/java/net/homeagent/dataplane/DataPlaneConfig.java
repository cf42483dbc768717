package net.homeagent.dataplane;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the data plane, ConfigAdmin PID {@value #PID} (etc/net.homeagent.dataplane.cfg).
 * Off by default: forwarding needs root (CAP_NET_ADMIN, CAP_NET_RAW) and a home link to name.
 */
@ObjectClassDefinition(id = DataPlaneConfig.PID, name = "Mobile IP data plane",
        description = "Tunnels datagrams for home addresses to their care-of addresses")
public @interface DataPlaneConfig {

    String PID = "net.homeagent.dataplane";

    @AttributeDefinition(description = "none (registrations only, nothing forwarded), user-space (TUN device,"
            + " every encapsulation, any kernel) or kernel (ipip/gre devices; minimal and UDP in user space)")
    String implementation() default "none";

    @AttributeDefinition(description = "The home link's interface: proxy ARP entries and gratuitous ARPs for the"
            + " home addresses away from home go there (RFC 5944 §4.6)")
    String homeInterface() default "";

    @AttributeDefinition(description = "entries: one proxy ARP entry per home address (exact; Linux slows down past"
            + " ~100,000); interface: proxy_arp = 1 on the home interface, answering for every address routed elsewhere")
    String proxyArp() default "entries";

    @AttributeDefinition(description = "Name of the TUN device the home addresses are routed to (user-space)")
    String tunName() default "mip0";

    @AttributeDefinition(description = "MTU of the TUN device; the tunnels add at most 32 octets")
    int tunMtu() default 1400;

    @AttributeDefinition(description = "Datagrams moved per system call (sendmmsg/recvmmsg)")
    int batch() default 64;

    @AttributeDefinition(description = "Send and receive buffer of the raw sockets, bytes")
    int socketBufferBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "The home agent's registration port RFC 3519 Tunnel Data leaves from")
    int udpTunnelPort() default 434;

    @AttributeDefinition(description = "Routing protocol number our host routes carry (ip route ... proto N), so"
            + " that reconcile tells them from others'")
    int routeProtocol() default 77;

    @AttributeDefinition(description = "The iproute2 command")
    String ipCommand() default "ip";

    @AttributeDefinition(description = "Start standing by: no home address routed or proxied here until a role's"
            + " ServingAuthority (a redundancy group member that became active) says the node serves. For the members"
            + " of a redundancy group, so that a member that (re)starts never answers ARP for its peers' home addresses")
    boolean startStandingBy() default false;
}
