package net.homeagent.ha.registration;

import java.net.Inet4Address;
import java.util.Optional;

import net.homeagent.mip.api.ForeignAgentAssociations;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.AuthenticationExtension;

/**
 * The Foreign-Home Authentication Extension of a request relayed by a foreign agent (RFC 5944
 * §3.5.4, §3.8.2.1): when this home agent shares a mobility security association with the agent
 * the request came from, the extension must be there, name one of the agent's SPIs and carry a
 * valid authenticator over everything before it (§3.5.1); otherwise 132. Without a shared
 * association the extension cannot be checked and is ignored, as is a request that comes straight
 * from a mobile node with a co-located care-of address.
 */
final class ForeignAgentAuthenticator {

    private final ForeignAgentAssociations agents;

    ForeignAgentAuthenticator(ForeignAgentAssociations agents) {
        this.agents = agents;
    }

    /** The agent's association to sign the reply's FA-HA extension with, or why the request fails. */
    record Result(Optional<SecurityAssociation> association, Optional<RefusalReason> failure) {
        static final Result NOT_SHARED = new Result(Optional.empty(), Optional.empty());

        static Result failed(RefusalReason reason) {
            return new Result(Optional.empty(), Optional.of(reason));
        }
    }

    Result authenticate(RegistrationRequest request, Inet4Address from) {
        if (!agents.sharesWith(from)) {
            return Result.NOT_SHARED;
        }
        int index = MobileHomeAuthenticator.indexOf(request.extensions(), AuthenticationExtension.FOREIGN_HOME);
        if (index < 0) {
            return Result.failed(RefusalReason.NO_FA_HA_EXTENSION);
        }
        AuthenticationExtension extension = (AuthenticationExtension) request.extensions().get(index);
        Optional<SecurityAssociation> sa = agents.find(from, extension.spi());
        if (sa.isEmpty()) {
            return Result.failed(RefusalReason.FA_UNKNOWN_SPI);
        }
        return MobileHomeAuthenticator.verifies(request, extension, sa.get()) ? new Result(sa, Optional.empty())
                : Result.failed(RefusalReason.FA_BAD_AUTHENTICATOR);
    }
}
