package net.homeagent.ha.registration;

import java.net.Inet4Address;
import java.util.Optional;

import net.homeagent.ha.HomeAgentSettings;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;

/** Decides UDP tunnelling for mobile nodes behind NAT, RFC 3519. */
final class UdpTunnelNegotiator {

    private final HomeAgentSettings settings;

    UdpTunnelNegotiator(HomeAgentSettings settings) {
        this.settings = settings;
    }

    /**
     * What was decided: a refusal (142), or the UDP Tunnel Reply extension to send (if the request
     * asked) and, when the binding is a UDP tunnel, the encapsulation it carries inside UDP.
     */
    record Outcome(Optional<RefusalReason> refusal, Optional<UdpTunnelReplyExtension> reply,
            Optional<Encapsulation> inner) {
        static final Outcome NOT_ASKED = new Outcome(Optional.empty(), Optional.empty(), Optional.empty());

        static Outcome refused() {
            return new Outcome(Optional.of(RefusalReason.UDP_TUNNEL_UNAVAILABLE), Optional.empty(), Optional.empty());
        }
    }

    Outcome negotiate(RegistrationRequest request, Inet4Address source) {
        Optional<UdpTunnelRequestExtension> asked = request.extension(UdpTunnelRequestExtension.class);
        if (asked.isEmpty()) {
            // RFC 3519 §4.6: without a UDP Tunnel Request the home agent never tunnels in UDP.
            return Outcome.NOT_ASKED;
        }
        UdpTunnelRequestExtension ext = asked.get();
        // RFC 3519 §4.6: a NAT is detected when the request's IP source address differs from the
        // care-of address. With the R flag (RFC 3519 §3.1, registration through a foreign agent)
        // the source is the foreign agent and the comparison tells nothing, so only the F flag
        // can ask for the tunnel.
        boolean natDetected = !ext.registrationThroughFa() && !source.equals(request.careOfAddress());
        // RFC 3519 §3.1.1: with F the mobile node forces UDP tunnelling even without a NAT seen.
        if (!natDetected && !ext.force()) {
            return declined();
        }
        if (!settings.udpTunnelling()) {
            // Turned off here: declined (RFC 3519 §3.2.1), unless the node forces it and so cannot
            // work without it: then "requested UDP encapsulation unavailable" (142, §3.5).
            return ext.force() ? Outcome.refused() : declined();
        }
        // RFC 3519 §3.1.4: the encapsulation carried inside UDP must be one this home agent offers.
        Optional<Encapsulation> inner = innerEncapsulation(ext.encapsulation());
        if (inner.isEmpty() || !settings.encapsulations().contains(inner.get())) {
            return Outcome.refused();
        }
        return new Outcome(Optional.empty(), Optional.of(new UdpTunnelReplyExtension(0,
                UdpTunnelReplyExtension.WILL_DO_TUNNELLING, ext.force(), settings.udpKeepaliveInterval())), inner);
    }

    private static Outcome declined() {
        return new Outcome(Optional.empty(), Optional.of(new UdpTunnelReplyExtension(0,
                UdpTunnelReplyExtension.TUNNELLING_DECLINED, false, 0)), Optional.empty());
    }

    private static Optional<Encapsulation> innerEncapsulation(int protocol) {
        return switch (protocol) {
            case UdpTunnelRequestExtension.ENCAPSULATION_IP_IN_IP -> Optional.of(Encapsulation.IP_IN_IP);
            case UdpTunnelRequestExtension.ENCAPSULATION_GRE -> Optional.of(Encapsulation.GRE);
            case UdpTunnelRequestExtension.ENCAPSULATION_MINIMAL -> Optional.of(Encapsulation.MINIMAL);
            default -> Optional.empty();
        };
    }
}
