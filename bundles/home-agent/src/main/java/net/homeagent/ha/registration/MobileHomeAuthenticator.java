package net.homeagent.ha.registration;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Authenticates a request with the Mobile-Home Authentication Extension (RFC 5944 §3.5.2,
 * §3.8.2.1 (a)): finds the mobility security association by home address and SPI, or by NAI
 * (RFC 2794) when the home address is 0.0.0.0 or has no association with that SPI, and checks
 * the authenticator over exactly the octets it covers (§3.5.1).
 */
final class MobileHomeAuthenticator {

    private final SecurityAssociations associations;

    MobileHomeAuthenticator(SecurityAssociations associations) {
        this.associations = associations;
    }

    /** The outcome: an association and the position of the MN-HA extension, or why there is none. */
    record Result(Optional<SecurityAssociation> association, int extensionIndex, Optional<RefusalReason> failure) {
        static Result failed(RefusalReason reason) {
            return new Result(Optional.empty(), -1, Optional.of(reason));
        }
    }

    Result authenticate(RegistrationRequest request) {
        List<Extension> extensions = request.extensions();
        int index = indexOf(extensions, AuthenticationExtension.MOBILE_HOME);
        if (index < 0) {
            // The request's only authorization-enabling extension is MN-AAA (RFC 3012), which this
            // home agent cannot check without an AAA server: it cannot authenticate the node.
            return Result.failed(RefusalReason.NO_MN_HA_EXTENSION);
        }
        AuthenticationExtension extension = (AuthenticationExtension) extensions.get(index);
        Optional<SecurityAssociation> sa = find(request.homeAddress(), nai(request), extension.spi());
        if (sa.isEmpty()) {
            return Result.failed(RefusalReason.UNKNOWN_SPI);
        }
        return verifies(request, extension, sa.get()) ? new Result(sa, index, Optional.empty())
                : Result.failed(RefusalReason.BAD_AUTHENTICATOR);
    }

    /** Position of the first authentication extension of {@code type} (MN-HA, FA-HA...), or -1. */
    static int indexOf(List<Extension> extensions, int type) {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i) instanceof AuthenticationExtension a && a.type() == type) {
                return i;
            }
        }
        return -1;
    }

    /** The NAI of the request (RFC 2794), when it carries a non-empty one. */
    static Optional<String> nai(RegistrationRequest request) {
        return request.extension(NaiExtension.class).map(NaiExtension::nai).filter(n -> !n.isBlank());
    }

    private Optional<SecurityAssociation> find(Inet4Address homeAddress, Optional<String> nai, long spi) {
        if (Ipv4.isUnspecified(homeAddress)) {
            return nai.flatMap(n -> associations.forNai(n, spi));
        }
        Optional<SecurityAssociation> byAddress = associations.forHomeAddress(homeAddress, spi);
        return byAddress.isPresent() || nai.isEmpty() ? byAddress : associations.forNai(nai.get(), spi);
    }

    /** Whether {@code extension}'s authenticator is {@code sa}'s over exactly the octets it covers (§3.5.1). */
    static boolean verifies(RegistrationRequest request, AuthenticationExtension extension,
            SecurityAssociation sa) {
        // A request built locally has no wire bytes: nothing was received, nothing can be checked.
        byte[] wire = request.wire().orElse(null);
        int covered = extension.authenticatedLength();
        // the association's authenticator, compared in constant time (RFC 5944 §3.5.1)
        return wire != null && covered > 0 && covered <= wire.length
                && extension.authenticatorMatches(sa.authenticate(wire, 0, covered));
    }
}
