package net.homeagent.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;

/**
 * Checks a reply as the mobile node that sent the request would before it believes it (RFC 5944
 * §3.6.2.1): the Mobile-Home Authentication extension is there, with the node's SPI, and its
 * authenticator is the HMAC-MD5 with the node's key over the octets it covers (§3.5.1); an
 * accepted reply grants no more lifetime than the request asked (§3.6.2.2). The home address and
 * identification are matched to the request in flight before ({@link PendingRequests}). A reply
 * that fails is one the mobile node silently discards: its request stays pending and times out.
 * <p>
 * One HMAC per reply, on the client's event loop: the same work a mobile node does.
 */
final class ReplyVerifier {

    /** What the mobile node makes of a reply whose home address and identification it matched. */
    enum Verdict {
        /** Authenticated with the node's key: believed. */
        AUTHENTIC("authentic", false),
        /**
         * A refusal without an MN-HA extension, e.g. 131 from a home agent without a security
         * association for the node, which cannot sign: counted by its code, marked unverified.
         */
        UNVERIFIED_REFUSAL("unverified refusal", false),
        /** An accepting reply (code 0 or 1) without an MN-HA extension. */
        UNSIGNED_ACCEPT("unsigned accept", true),
        /** An MN-HA extension with another SPI than the node's. */
        WRONG_SPI("wrong SPI", true),
        /** An MN-HA extension whose authenticator is not the node's HMAC of the covered octets. */
        BAD_AUTHENTICATOR("bad authenticator", true),
        /** An authentic accepting reply granting more than the request asked. */
        LIFETIME_ABOVE_ASKED("lifetime above asked", true),
        /**
         * More than one MN-HA extension: a home agent signs its reply once (RFC 5944 §3.4, §3.5.2),
         * so a second one is a forgery's or a broken agent's, and which one covers what the node
         * must believe cannot be told: the node discards the reply.
         */
        TWO_MOBILE_HOME("two mobile home", true);

        private final String label;
        private final boolean discarded;

        Verdict(String label, boolean discarded) {
            this.label = label;
            this.discarded = discarded;
        }

        String label() {
            return label;
        }

        /** Whether a mobile node drops the reply as if it never came. */
        boolean discarded() {
            return discarded;
        }
    }

    private final MobileNodes nodes;

    ReplyVerifier(MobileNodes nodes) {
        this.nodes = nodes;
    }

    /** A Registration Reply for {@code node}'s request that asked {@code askedLifetime} seconds. */
    Verdict check(int node, RegistrationReply reply, int askedLifetime) {
        boolean accepted = ReplyCode.isAccepted(reply.code());
        List<AuthenticationExtension> mobileHome = mobileHome(reply.extensions());
        if (mobileHome.isEmpty()) {
            return accepted ? Verdict.UNSIGNED_ACCEPT : Verdict.UNVERIFIED_REFUSAL;
        }
        if (mobileHome.size() > 1) {
            return Verdict.TWO_MOBILE_HOME;
        }
        Verdict authentication = authenticate(node, mobileHome.get(0), reply.wire());
        if (authentication != Verdict.AUTHENTIC) {
            return authentication;
        }
        return accepted && reply.lifetime() > askedLifetime ? Verdict.LIFETIME_ABOVE_ASKED : Verdict.AUTHENTIC;
    }

    /**
     * A request that came back from an echo (the baseline): authentic when it is the node's own,
     * unchanged; checking it costs the client the same HMAC as a reply, so the baseline run
     * loads the client as the home agent run does.
     */
    Verdict checkEcho(int node, RegistrationRequest echoed) {
        List<AuthenticationExtension> mobileHome = mobileHome(echoed.extensions());
        return mobileHome.isEmpty() ? Verdict.BAD_AUTHENTICATOR : authenticate(node, mobileHome.get(0), echoed.wire());
    }

    private Verdict authenticate(int node, AuthenticationExtension mobileHome, Optional<byte[]> wire) {
        if (mobileHome.spi() != nodes.spi(node)) {
            return Verdict.WRONG_SPI;
        }
        int covered = mobileHome.authenticatedLength();
        if (wire.isEmpty() || covered <= 0 || covered > wire.get().length) {
            return Verdict.BAD_AUTHENTICATOR;
        }
        byte[] computed = AuthenticationAlgorithm.HMAC_MD5.compute(nodes.key(node), wire.get(), 0, covered);
        return mobileHome.authenticatorMatches(computed) ? Verdict.AUTHENTIC : Verdict.BAD_AUTHENTICATOR;
    }

    /** The MN-HA extensions, in order: the first is the one the home agent's signature is in (§3.5.2). */
    private static List<AuthenticationExtension> mobileHome(List<Extension> extensions) {
        List<AuthenticationExtension> found = new ArrayList<>(1);
        for (Extension extension : extensions) {
            if (extension instanceof AuthenticationExtension a && a.type() == AuthenticationExtension.MOBILE_HOME) {
                found.add(a);
            }
        }
        return found;
    }
}
