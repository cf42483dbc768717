package net.homeagent.mip.codec.ext;

/**
 * UDP Tunnel Request extension, type 144, length 6 (RFC 3519 §3.1).
 *
 * @param subtype       0 (the only one defined)
 * @param force         F flag: the mobile node asks for UDP tunnelling even without a NAT seen
 * @param registrationThroughFa R flag, RFC 3519 §3.1 "Registration through FA Required": the
 *                      mobile node registers through a foreign agent (tshark: "FA Registration
 *                      Required"); reverse tunnelling is the request's T flag, not this
 * @param encapsulation the encapsulation inside UDP: 4 IP-in-IP, 47 GRE, 55 minimal
 */
public record UdpTunnelRequestExtension(int subtype, boolean force, boolean registrationThroughFa, int encapsulation)
        implements Extension {
    public static final int TYPE = 144;
    public static final int ENCAPSULATION_IP_IN_IP = 4;
    public static final int ENCAPSULATION_GRE = 47;
    public static final int ENCAPSULATION_MINIMAL = 55;

    @Override
    public int type() {
        return TYPE;
    }
}
