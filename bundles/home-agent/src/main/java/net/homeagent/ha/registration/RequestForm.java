package net.homeagent.ha.registration;

import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The checks that make a request poorly formed (code 134), made before anything else because
 * without them the request cannot even be authenticated.
 *
 * <p>Not checked, on purpose: the 'r' and 'x' flag bits, which RFC 5944 §3.3 says are sent as
 * zero and ignored on reception, and combinations of S, B and D, none of which RFC 5944
 * forbids.
 */
final class RequestForm {

    private RequestForm() {
    }

    static Optional<RefusalReason> check(RegistrationRequest request) {
        // RFC 5944 §3.8.2.1 (a) and §3.6.1.3: exactly one authorization-enabling extension (MN-HA,
        // or MN-AAA of RFC 3012) MUST be present.
        // RFC 5944 §3.6.1.3, §3.7.2.2: a foreign agent appends its FA-HA extension (§3.5.4) after
        // the mobile node's MN-HA and any MN-FA extension, so that its authenticator (§3.5.1) covers
        // them; one before them is misplaced.
        int authorizing = 0;
        int lastOfMobileNode = -1;
        int firstForeignHome = -1;
        List<Extension> extensions = request.extensions();
        for (int i = 0; i < extensions.size(); i++) { // a plain loop: this runs for every request
            if (extensions.get(i) instanceof AuthenticationExtension a) {
                if (isAuthorizationEnabling(a)) {
                    authorizing++;
                    lastOfMobileNode = i;
                } else if (a.type() == AuthenticationExtension.MOBILE_FOREIGN) {
                    lastOfMobileNode = i;
                } else if (a.type() == AuthenticationExtension.FOREIGN_HOME && firstForeignHome < 0) {
                    firstForeignHome = i;
                }
            }
        }
        if (authorizing == 0) {
            return Optional.of(RefusalReason.NO_AUTHORIZATION_EXTENSION);
        }
        if (authorizing > 1) {
            return Optional.of(RefusalReason.MULTIPLE_AUTHORIZATION_EXTENSIONS);
        }
        if (firstForeignHome >= 0 && firstForeignHome < lastOfMobileNode) {
            return Optional.of(RefusalReason.MISPLACED_FA_HA_EXTENSION);
        }
        // RFC 2794 §2: a Home Address of 0.0.0.0 asks for an address for the NAI; without an NAI
        // there is nobody to give it to.
        boolean zeroHome = Ipv4.isUnspecified(request.homeAddress());
        if (zeroHome && MobileHomeAuthenticator.nai(request).isEmpty()) {
            return Optional.of(RefusalReason.ZERO_HOME_ADDRESS_WITHOUT_NAI);
        }
        // RFC 5944 §3.3: the care-of address is the end of the tunnel; 0.0.0.0 is none. It may be
        // 0.0.0.0 only as the "care-of address = home address" of a deregistration of all
        // bindings (§3.6.1.2) or inside a deregistration.
        if (request.lifetime() > 0 && Ipv4.isUnspecified(request.careOfAddress()) && !zeroHome) {
            return Optional.of(RefusalReason.ZERO_CARE_OF_ADDRESS);
        }
        return Optional.empty();
    }

    static boolean isAuthorizationEnabling(AuthenticationExtension a) {
        return a.type() == AuthenticationExtension.MOBILE_HOME
                || a.isGeneralized() && a.subtype() == AuthenticationExtension.SUBTYPE_MN_AAA;
    }
}
