package net.homeagent.mimmclient.homeagent;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.RegistrationFlags;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mimmclient.manager.LinkProfile;
import net.homeagent.mimmclient.manager.MobileIpRegistrar;

/**
 * Registers a link's co-located care-of address (RFC 5944 §3.6.1: D flag, MN-HA extension), or
 * deregisters them all, and believes only an authentic reply ({@link RegistrationExchange}).
 */
public final class HomeAgentRegistrar implements MobileIpRegistrar {

    private final RegistrationExchange exchange;
    private final int lifetimeSeconds;

    public HomeAgentRegistrar(RegistrationExchange exchange, int lifetimeSeconds) {
        this.exchange = exchange;
        this.lifetimeSeconds = checkLifetime(lifetimeSeconds);
    }

    @Override
    public RegistrationResult register(LinkProfile via) {
        return send(via, lifetimeSeconds, via.careOf());
    }

    /**
     * Deregisters every care-of address of the mobile (RFC 5944 §3.6.1.2: Lifetime 0, Care-of Address =
     * the home address), sent from {@code via}'s care-of address: what the mobile does when its
     * mobility service stops, so that the home agent stops tunnelling to a care-of address nobody
     * decapsulates any more instead of waiting for the lifetime to run out.
     */
    public RegistrationResult deregister(LinkProfile via) {
        return send(via, 0, exchange.node().homeAddress());
    }

    private RegistrationResult send(LinkProfile via, int lifetime, Inet4Address careOf) {
        MobileNodeKey node = exchange.node();
        Optional<RegistrationReply> reply;
        try {
            reply = exchange.exchange(via.careOf(), id -> new RegistrationRequest(RegistrationFlags.D, lifetime,
                    node.homeAddress(), node.homeAgent(), careOf, id,
                    List.of(AuthenticationExtension.mobileHome(node.spi()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RegistrationResult(false, "interrupted");
        }
        return reply.map(r -> ReplyCode.isAccepted(r.code())
                        ? new RegistrationResult(true, r.code() + " (" + ReplyCode.describe(r.code()) + ")",
                                Optional.of(Duration.ofSeconds(r.lifetime())))
                        : new RegistrationResult(false, r.code() + " (" + ReplyCode.describe(r.code()) + ")"))
                .orElse(new RegistrationResult(false, "no authentic reply"));
    }

    /** A registration asks 1..65534 s: 0 is a deregistration, 65535 infinity (RFC 5944 §3.3), neither a move. */
    static int checkLifetime(int seconds) {
        if (seconds < 1 || seconds > 0xfffe) {
            throw new IllegalArgumentException("registration lifetime is 1..65534 s: " + seconds);
        }
        return seconds;
    }
}
