package net.homeagent.mip6.registration;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.codec.mip6.AlternateCareOfAddress;
import net.homeagent.mip.codec.mip6.BindingAckStatus;
import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip.codec.mip6.FourSecondUnits;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.Mip6Binding;

/**
 * A home agent's processing of a Binding Update, RFC 6275 §9.5.1 (the checks every receiver
 * makes), §10.3.1 (primary care-of address registration) and §10.3.2 (deregistration), in the
 * RFC's order; and a Mobility Anchor Point's, which is the same with the regional care-of address
 * as the home address and the M flag instead of H (RFC 5380, {@link RegistrationKind#MAP}). Every
 * outcome is a status of §6.1.8 and a counter; nothing a mobile node sends makes it throw or lose
 * another node's entry.
 *
 * <p>Statuses this home agent answers:
 * <ul>
 * <li>0 accepted (registration, renewal, deregistration);</li>
 * <li>128 reason unspecified: the change could not be written to the backup (the entry is left as
 *     it was);</li>
 * <li>129 administratively prohibited: a Binding Update that is not this kind of registration
 *     ({@link RegistrationKind}: for a home agent one without H, a correspondent registration, or
 *     with M, a local Binding Update; for a MAP one without M and A, or with H), or for a home address
 *     that is one of the node's own;</li>
 * <li>130 insufficient resources: the binding cache holds {@code capacity} entries;</li>
 * <li>132 not home subnet: the home address is outside every home prefix (§10.3.1);</li>
 * <li>133 not home agent for this mobile node: outside the served ranges, or a deregistration of a
 *     home address without a home registration here (§10.3.2);</li>
 * <li>135 sequence number out of window: not greater, modulo 2^16, than the last accepted one
 *     (§9.5.1); the acknowledgement carries the last accepted number so the mobile can resync;</li>
 * <li>139 registration type change disallowed: this node's correspondent role holds a binding
 *     (without H) for the home address (§9.5.1).</li>
 * </ul>
 * Not answered, and why: 131 (home registration not supported) is for nodes that are no home
 * agent; 134 (DAD failed) needs the proxy Duplicate Address Detection of §10.4.1, not done in
 * this slice; 136-138 concern return routability nonces, which a home registration does not
 * carry (§6.2.6: Nonce Indices only in a Binding Update to a correspondent).
 *
 * <p>Security: RFC 6275 §10.3.1 asks that the Binding Update be protected by IPsec ESP (RFC 4877).
 * That is checked before an update gets here, by {@link HomeAgentResponder}'s
 * {@link net.homeagent.mip6.ipsec.HomeRegistrationProtection} (a home agent's, not a MAP's:
 * docs/mip6.md, "Security").
 */
public final class HomeRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(HomeRegistration.class);

    private final HomeRegistrationSettings settings;
    private final BindingCache cache;
    private final Predicate<Inet6Address> correspondentRegistered;
    private final Mip6Counters counters;
    private final Consumer<Inet6Address> onAccepted;

    /**
     * @param correspondentRegistered whether this node's correspondent role holds a binding for a
     *                                home address (never when it is no correspondent)
     * @param onAccepted              told of every home address whose update was accepted (binding
     *                                recovery validates its entry)
     */
    public HomeRegistration(HomeRegistrationSettings settings, BindingCache cache,
            Predicate<Inet6Address> correspondentRegistered, Mip6Counters counters, Consumer<Inet6Address> onAccepted) {
        this.settings = settings;
        this.cache = cache;
        this.correspondentRegistered = correspondentRegistered;
        this.counters = counters;
        this.onAccepted = onAccepted;
    }

    public RegistrationResult process(ReceivedBindingUpdate received, long nowMillis) {
        counters.count(Counter.BINDING_UPDATES);
        BindingUpdate update = received.update();
        // §9.5.1: the home address is the Home Address option's, else the source (a mobile at home)
        Inet6Address home = received.homeAddressOption().orElse(received.source());
        // §9.5.1: the care-of address is the Alternate Care-of Address option's, else the source
        Inet6Address careOf = update.option(AlternateCareOfAddress.class).map(AlternateCareOfAddress::careOfAddress)
                .orElse(received.source());
        RegistrationResult result = decide(update, home, careOf, nowMillis);
        counters.acknowledged(result.status());
        if (result.accepted()) {
            onAccepted.accept(home);
        }
        LOG.debug("Binding Update seq {} home {} care-of {}: {} ({})", update.sequence(), home.getHostAddress(),
                careOf.getHostAddress(), BindingAckStatus.describe(result.status()), result.reason());
        return result;
    }

    private RegistrationResult decide(BindingUpdate update, Inet6Address home, Inet6Address careOf, long now) {
        RegistrationKind kind = settings.kind();
        Optional<String> misfit = kind.misfit(update);
        if (misfit.isPresent()) {
            return refuse(BindingAckStatus.ADMINISTRATIVELY_PROHIBITED, update, home, careOf, misfit.get());
        }
        if (settings.homeAgentAddresses().contains(home)) {
            // registering the node's own address would hand its traffic to whoever asked
            return refuse(BindingAckStatus.ADMINISTRATIVELY_PROHIBITED, update, home, careOf,
                    "the " + kind.address() + " is one of this node's own addresses");
        }
        if (settings.homePrefixes().stream().noneMatch(prefix -> prefix.contains(home))) {
            return refuse(BindingAckStatus.NOT_HOME_SUBNET, update, home, careOf,
                    kind.address() + " outside the prefixes " + settings.homePrefixes());
        }
        if (settings.servedRanges().stream().noneMatch(range -> range.contains(home))) {
            return refuse(BindingAckStatus.NOT_HOME_AGENT_FOR_THIS_MOBILE_NODE, update, home, careOf,
                    kind.address() + " outside the served ranges " + settings.servedRanges());
        }
        if (correspondentRegistered.test(home)) {
            return refuse(BindingAckStatus.REGISTRATION_TYPE_CHANGE_DISALLOWED, update, home, careOf,
                    "this node's correspondent role holds a binding for the address (RFC 6275 §9.5.1)");
        }
        Optional<Mip6Binding> existing = cache.get(home);
        if (existing.isPresent() && !SequenceNumbers.isGreater(update.sequence(), existing.get().sequence())) {
            // §9.5.1: the acknowledgement carries the last accepted sequence number
            return new RegistrationResult(BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW.code(),
                    existing.get().sequence(), 0, home, careOf, true,
                    "sequence " + update.sequence() + " not greater than " + existing.get().sequence());
        }
        // §10.3.2: lifetime zero, or the care-of address equal to the home address, deregisters
        if (update.isDeregistration() || careOf.equals(home)) {
            return deregister(update, home, careOf, existing);
        }
        return register(update, home, careOf, existing, now);
    }

    private RegistrationResult deregister(BindingUpdate update, Inet6Address home, Inet6Address careOf,
            Optional<Mip6Binding> existing) {
        if (existing.isEmpty()) {
            return refuse(BindingAckStatus.NOT_HOME_AGENT_FOR_THIS_MOBILE_NODE, update, home, careOf,
                    "deregistration without a " + settings.kind().text() + " here (RFC 6275 §10.3.2)");
        }
        try {
            cache.remove(home);
        } catch (IOException e) {
            return backupFailed(update, home, careOf, e);
        }
        counters.count(Counter.DEREGISTRATIONS);
        LOG.info("{} {}: REGISTERED -> DEREGISTERED (RFC 6275 §10.3.2, care-of {})", settings.kind().text(),
                home.getHostAddress(), existing.get().careOfAddress().getHostAddress());
        return new RegistrationResult(BindingAckStatus.ACCEPTED.code(), update.sequence(), 0, home, careOf,
                update.acknowledge(), "deregistered");
    }

    private RegistrationResult register(BindingUpdate update, Inet6Address home, Inet6Address careOf,
            Optional<Mip6Binding> existing, long now) {
        if (existing.isEmpty() && cache.size() >= settings.capacity()) {
            return refuse(BindingAckStatus.INSUFFICIENT_RESOURCES, update, home, careOf,
                    "binding cache full (" + settings.capacity() + " entries)");
        }
        // §10.3.1: no longer than requested, nor than this home agent allows; the granted lifetime
        // is what the acknowledgement can say (4-second units, rounded down)
        int units = Math.min(update.lifetimeUnits(), FourSecondUnits.fromSeconds(settings.maxLifetimeSeconds()));
        long seconds = FourSecondUnits.toSeconds(units);
        Mip6Binding binding = new Mip6Binding(home, careOf, update.sequence(), seconds, now + seconds * 1000,
                Mip6Binding.Origin.REGISTERED);
        try {
            cache.put(binding);
        } catch (IOException e) {
            return backupFailed(update, home, careOf, e);
        }
        counters.count(Counter.REGISTRATIONS);
        String from = existing.map(e -> e.origin() == Mip6Binding.Origin.RESTORED ? "RESTORED" : "REGISTERED")
                .orElse("NONE");
        if (existing.isEmpty() || !existing.get().careOfAddress().equals(careOf)
                || existing.get().origin() == Mip6Binding.Origin.RESTORED) {
            LOG.info("{} {}: {} -> REGISTERED ({}, care-of {}, {} s)", settings.kind().text(), home.getHostAddress(),
                    from, settings.kind().section(), careOf.getHostAddress(), seconds);
        }
        return new RegistrationResult(BindingAckStatus.ACCEPTED.code(), update.sequence(), units, home, careOf,
                update.acknowledge(), "registered for " + seconds + " s");
    }

    private RegistrationResult backupFailed(BindingUpdate update, Inet6Address home, Inet6Address careOf,
            IOException e) {
        counters.count(Counter.BACKUP_FAILURES);
        LOG.warn("{} {}: the backup write failed, refused with 128: {}", settings.kind().text(),
                home.getHostAddress(), e.toString());
        return refuse(BindingAckStatus.REASON_UNSPECIFIED, update, home, careOf, "backup write failed: " + e);
    }

    /** §9.5.1: a refused update is acknowledged whether or not it asked (A), so the mobile learns why. */
    private static RegistrationResult refuse(BindingAckStatus status, BindingUpdate update, Inet6Address home,
            Inet6Address careOf, String reason) {
        return new RegistrationResult(status.code(), update.sequence(), 0, home, careOf, true, reason);
    }
}
