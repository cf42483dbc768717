package net.homeagent.mip6.registration;

import java.util.Optional;

import net.homeagent.mip.codec.mip6.BindingUpdate;

/**
 * Which registrations a {@link HomeRegistration} takes. A Mobility Anchor Point is a local home
 * agent (RFC 5380 §1, §6.2): its regional care-of address (RCoA) plays the home address, the
 * on-link care-of address (LCoA) the care-of address, and it checks, binds, renews, deregisters
 * and backs up as a home agent does; what tells the two apart is the flags of the Binding Update.
 */
public enum RegistrationKind {
    /** RFC 6275 §10.3.1: a home registration carries H (and not M). */
    HOME("home registration", "RFC 6275 §10.3.1", "home address"),
    /** RFC 5380 §4.1: a MAP registration (a local Binding Update) carries M and A, and not H. */
    MAP("MAP registration", "RFC 5380 §4.1", "regional care-of address");

    private final String text;
    private final String section;
    private final String address;

    RegistrationKind(String text, String section, String address) {
        this.text = text;
        this.section = section;
        this.address = address;
    }

    /** Why a Binding Update is not this kind of registration (status 129), or empty if it is. */
    Optional<String> misfit(BindingUpdate update) {
        if (this == HOME) {
            if (!update.homeRegistration()) {
                return Optional.of("no H flag: a correspondent registration, and this node is no correspondent node");
            }
            return update.mapRegistration()
                    ? Optional.of("M flag: a local Binding Update (RFC 5380), and this address is no MAP's")
                    : Optional.empty();
        }
        if (!update.mapRegistration()) {
            return Optional.of("no M flag: not a local Binding Update, and this address is a MAP's (RFC 5380 §4.1)");
        }
        if (update.homeRegistration()) {
            return Optional.of("M and H flags: a MAP registration is no home registration (RFC 5380 §4.1)");
        }
        return update.acknowledge() ? Optional.empty()
                : Optional.of("M flag without A: RFC 5380 §4.1 sets both in a MAP registration");
    }

    /** "home registration", "MAP registration": how the log names one. */
    String text() {
        return text;
    }

    /** The section that says how this registration is accepted. */
    String section() {
        return section;
    }

    /** What the binding's key is called for this kind: "home address", "regional care-of address". */
    String address() {
        return address;
    }
}
