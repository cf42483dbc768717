package net.homeagent.mip.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;

/**
 * What a {@link RegistrationPolicy} or a {@link VendorExtensionHandler} says of one registration:
 * let it through (maybe with extensions for the reply), refuse it with a reply code, or discard it
 * without any answer.
 */
public sealed interface RegistrationVerdict {

    /**
     * Pass with nothing to add, already complete: one shared instance for the answers given at
     * once. A {@link CompletionStage} that nobody can complete, obtrude or cancel, since every
     * policy shares it; the home agent recognizes it without making a future of it.
     */
    CompletionStage<RegistrationVerdict> PASSED = CompletableFuture.completedStage(Pass.NOTHING);

    static RegistrationVerdict pass() {
        return Pass.NOTHING;
    }

    /** @param replyExtensions added to the Registration Reply if every other policy passes too */
    static RegistrationVerdict pass(List<Extension> replyExtensions) {
        return new Pass(replyExtensions);
    }

    static RegistrationVerdict refuse(int replyCode, String reason) {
        return new Refuse(replyCode, reason);
    }

    /**
     * @param replyExtensions added to the refusing Registration Reply, under its MN-HA
     *                        authenticator (e.g. the MIMM advisor's "not now" with alternatives)
     */
    static RegistrationVerdict refuse(int replyCode, String reason, List<Extension> replyExtensions) {
        return new Refuse(replyCode, reason, replyExtensions);
    }

    static RegistrationVerdict discard(String reason) {
        return new Discard(reason);
    }

    /**
     * The registration may go on. The extensions are placed in the reply before its MN-HA
     * Authentication extension, which the home agent adds last, so that they are authenticated
     * like the rest of the reply (RFC 5944 §3.5, §3.8.3.1); a policy therefore may not bring an
     * authentication extension of its own.
     */
    record Pass(List<Extension> replyExtensions) implements RegistrationVerdict {

        private static final Pass NOTHING = new Pass(List.of());

        public Pass {
            replyExtensions = unsigned(replyExtensions);
        }
    }

    /**
     * The home agent answers with {@code replyCode}, a denial by the home agent (RFC 5944 §3.4:
     * 128-255), and counts {@code reason}. The extensions go into that reply as a pass's do into an
     * accepting one: before the MN-HA Authentication extension, authenticated with the rest.
     */
    record Refuse(int replyCode, String reason, List<Extension> replyExtensions) implements RegistrationVerdict {

        public Refuse {
            if (replyCode < ReplyCode.REASON_UNSPECIFIED || replyCode > 255) {
                throw new IllegalArgumentException("a refusal's reply code is a denial, 128-255 (RFC 5944 §3.4), not "
                        + replyCode);
            }
            requireReason(reason);
            replyExtensions = unsigned(replyExtensions);
        }

        /** A refusal with nothing to add to the reply. */
        public Refuse(int replyCode, String reason) {
            this(replyCode, reason, List.of());
        }
    }

    /**
     * No reply at all (e.g. a redundancy-group member that is not the one to answer): the mobile
     * node retransmits as RFC 5944 §3.6.3 says, and another node may answer it. Counted under
     * {@code reason}.
     */
    record Discard(String reason) implements RegistrationVerdict {

        public Discard {
            requireReason(reason);
        }
    }

    /** A copy of {@code extensions}; a policy may not bring an authentication extension: the home agent signs. */
    private static List<Extension> unsigned(List<Extension> extensions) {
        List<Extension> copy = List.copyOf(extensions);
        for (Extension extension : copy) {
            if (extension instanceof AuthenticationExtension) {
                throw new IllegalArgumentException("a policy may not add an authentication extension (" + extension
                        + "): the home agent signs the reply itself");
            }
        }
        return copy;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a refusal or discard needs a reason for the counters");
        }
    }
}
