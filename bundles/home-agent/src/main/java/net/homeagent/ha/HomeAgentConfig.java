package net.homeagent.ha;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the home agent, ConfigAdmin PID {@value #PID} (etc/net.homeagent.ha.cfg).
 * Every key has an embedded default, so the home agent runs without the file. Lists may be
 * given as several values or as one comma separated text (as a .cfg file gives them).
 */
@ObjectClassDefinition(id = HomeAgentConfig.PID, name = "Mobile IPv4 home agent",
        description = "Registration path of the RFC 5944 home agent")
public @interface HomeAgentConfig {

    String PID = "net.homeagent.ha";

    @AttributeDefinition(description = "Local IPv4 addresses to receive Registration Requests on; 0.0.0.0 = one socket"
            + " per IPv4 address of the host at start")
    String[] listenAddresses() default {"0.0.0.0"};

    @AttributeDefinition(description = "UDP port of Mobile IP registration (RFC 5944 §3.1)")
    int port() default 434;

    @AttributeDefinition(description = "Receive buffer of each registration socket, bytes (SO_RCVBUF; the kernel caps"
            + " it at net.core.rmem_max). Requests arriving while it is full are dropped by the kernel")
    int receiveBufferBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Event loop threads serving the registration sockets; 0 = one per core. With"
            + " the epoll transport every listen address gets one socket per event loop on the same port"
            + " (SO_REUSEPORT), and the kernel spreads the requests over them by source address and port")
    int eventLoops() default 0;

    @AttributeDefinition(description = "Datagrams read per system call (recvmmsg, epoll transport); 1 = one recvmsg"
            + " per datagram. The replies to one batch leave together (sendmmsg)")
    int receiveBatch() default 16;

    @AttributeDefinition(description = "Home agent addresses mobile nodes may register with; empty = the listen"
            + " addresses (others get code 136)")
    String[] homeAgentAddresses() default {};

    @AttributeDefinition(description = "Longest lifetime granted, seconds")
    int maxLifetime() default 1800;

    @AttributeDefinition(description = "Most care-of addresses per home address with the S flag (one more: code 135)")
    int maxSimultaneousBindings() default 5;

    @AttributeDefinition(description = "Allowed difference in seconds between a timestamp identification and this"
            + " host's clock (RFC 5944 §5.7.1)")
    int timestampSkew() default 7;

    @AttributeDefinition(description = "Encapsulations offered: ip-in-ip, gre, minimal (others: code 139)")
    String[] encapsulations() default {"ip-in-ip", "gre", "minimal"};

    @AttributeDefinition(description = "Reverse tunnelling offered (RFC 3024); when false the T flag gets code 137")
    boolean reverseTunnelling() default true;

    @AttributeDefinition(description = "Reverse tunnelling required; a request without T gets code 138")
    boolean reverseTunnelMandatory() default false;

    @AttributeDefinition(description = "UDP tunnelling for mobile nodes behind NAT (RFC 3519)")
    boolean udpTunnelling() default true;

    @AttributeDefinition(description = "Keepalive interval, seconds, told in the UDP Tunnel Reply (RFC 3519 §3.2)")
    int udpKeepaliveInterval() default 110;

    @AttributeDefinition(description = "Pools of dynamic home addresses (RFC 2794), e.g. 10.1.0.0/24")
    String[] addressPools() default {};

    @AttributeDefinition(description = "FA-HA security associations file (RFC 5944 §3.5.4), by foreign agent address;"
            + " relative paths resolve against the Karaf etc folder")
    String foreignAgentAssociationsFile() default "${karaf.etc}/foreign-agent-security.conf";

    @AttributeDefinition(description = "Longest wait, milliseconds, for the verdict of registration policies and vendor"
            + " extension handlers that answer later (an AAA server, a secondary home agent); past it: code 130")
    int policyTimeoutMillis() default 5000;

    @AttributeDefinition(description = "Mobility security associations file; relative paths resolve against the"
            + " Karaf etc folder")
    String securityAssociationsFile() default "${karaf.etc}/mobility-security.conf";
}
