package net.homeagent.mip.codec.ext;

/**
 * UDP Tunnel Reply extension, type 44, length 6 (RFC 3519 §3.2).
 *
 * @param subtype           0
 * @param replyCode         0 "will do tunnelling", 64 "tunnelling declined, reason unspecified"
 * @param forced            F flag: tunnelling is done because the mobile node forced it
 * @param keepaliveInterval seconds between keepalives the mobile node should send, 0 for none
 */
public record UdpTunnelReplyExtension(int subtype, int replyCode, boolean forced, int keepaliveInterval)
        implements Extension {
    public static final int TYPE = 44;
    public static final int WILL_DO_TUNNELLING = 0;
    public static final int TUNNELLING_DECLINED = 64;

    @Override
    public int type() {
        return TYPE;
    }
}
