package net.homeagent.mip6.correspondent;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.codec.mip6.AlternateCareOfAddress;
import net.homeagent.mip.codec.mip6.BindingAckStatus;
import net.homeagent.mip.codec.mip6.BindingAuthorizationData;
import net.homeagent.mip.codec.mip6.BindingAuthorizer;
import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip.codec.mip6.FourSecondUnits;
import net.homeagent.mip.codec.mip6.NonceIndices;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.registration.ReceivedBindingUpdate;
import net.homeagent.mip6.registration.RegistrationResult;
import net.homeagent.mip6.registration.SequenceNumbers;

/**
 * A correspondent node's processing of a Binding Update (route optimization), RFC 6275 §9.5.1 (the
 * checks, in its order), §9.5.2 (caching a binding) and §9.5.3 (deleting one). Every outcome is a
 * status of §6.1.8 and a counter, or a silent discard where the RFC says so; nothing a mobile node
 * sends makes it throw or lose another node's entry.
 *
 * <ul>
 * <li>H flag: 131 home registration not supported (§10.3.1: a node that is no home agent for the
 *     address); M flag: 129 (a local Binding Update is for a MAP, RFC 5380);</li>
 * <li>no Nonce Indices or no Binding Authorization Data (which the codec only accepts as the last
 *     option, §6.2.7): silently discarded (§9.5.1);</li>
 * <li>a nonce index no longer recognized (§5.2.7: older than MAX_NONCE_LIFETIME, or from before a
 *     restart): 136, 137 or 138, acknowledged without Binding Authorization Data (no Kbm);</li>
 * <li>the authenticator, First (96, HMAC_SHA1 (Kbm, care-of address | correspondent | MH Data)),
 *     over the octets received: silently discarded when it does not verify (§9.5.1, §5.2.6);</li>
 * <li>a home registration for the home address on this node: 139 registration type change
 *     disallowed (§9.5.1);</li>
 * <li>sequence number not greater than the cached one: 135 with the cached number;</li>
 * <li>lifetime 0 or care-of = home address: the entry is deleted (§9.5.3), 0;</li>
 * <li>a new home address with {@code capacity} entries cached: 130; the backup write failed: 128;</li>
 * <li>else cached for min(requested, MAX_RR_BINDING_LIFETIME = 420 s) (§5.2.6, §9.5.2, §12), 0.</li>
 * </ul>
 * Every acknowledgement but 136-138 carries Binding Authorization Data with the same Kbm (§9.5.4);
 * an accepted update is acknowledged only if it asked (A), a refused one always.
 */
public final class CorrespondentRegistration {

    /** RFC 6275 §12: MAX_RR_BINDING_LIFETIME, 420 s. */
    public static final long MAX_RR_BINDING_LIFETIME_SECONDS = 420;

    private static final Logger LOG = LoggerFactory.getLogger(CorrespondentRegistration.class);

    private final KeygenTokens tokens;
    private final BindingCache cache;
    private final int capacity;
    private final Predicate<Inet6Address> homeRegistered;
    private final Mip6Counters counters;
    private final Consumer<Inet6Address> onAccepted;

    /**
     * @param cache          the correspondent's binding cache (its own backup)
     * @param capacity       entries at most (beyond: 130)
     * @param homeRegistered whether this node holds a home registration for a home address (its
     *                       home agent role's cache; never when it is no home agent)
     * @param onAccepted     told of every home address whose update was accepted (binding recovery
     *                       validates its entry)
     */
    public CorrespondentRegistration(KeygenTokens tokens, BindingCache cache, int capacity,
            Predicate<Inet6Address> homeRegistered, Mip6Counters counters, Consumer<Inet6Address> onAccepted) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity below 1: " + capacity);
        }
        this.tokens = tokens;
        this.cache = cache;
        this.capacity = capacity;
        this.homeRegistered = homeRegistered;
        this.counters = counters;
        this.onAccepted = onAccepted;
    }

    /**
     * @param mobilityHeader the Mobility Header's octets as received, which the authenticator covers
     * @return the answer, or empty when the update is silently discarded (§9.5.1)
     */
    public Optional<RegistrationResult> process(ReceivedBindingUpdate received, byte[] mobilityHeader,
            long nowMillis) {
        counters.count(Counter.BINDING_UPDATES);
        BindingUpdate update = received.update();
        Inet6Address home = received.homeAddressOption().orElse(received.source());
        Inet6Address careOf = update.option(AlternateCareOfAddress.class).map(AlternateCareOfAddress::careOfAddress)
                .orElse(received.source());
        Optional<RegistrationResult> result = decide(received, mobilityHeader, home, careOf, nowMillis);
        result.ifPresent(answer -> {
            counters.acknowledged(answer.status());
            if (answer.accepted()) {
                onAccepted.accept(home);
            }
            LOG.debug("correspondent Binding Update seq {} home {} care-of {}: {} ({})", update.sequence(),
                    home.getHostAddress(), careOf.getHostAddress(), BindingAckStatus.describe(answer.status()),
                    answer.reason());
        });
        return result;
    }

    private Optional<RegistrationResult> decide(ReceivedBindingUpdate received, byte[] mobilityHeader,
            Inet6Address home, Inet6Address careOf, long now) {
        BindingUpdate update = received.update();
        if (update.homeRegistration()) {
            return Optional.of(refuse(BindingAckStatus.HOME_REGISTRATION_NOT_SUPPORTED, update, home, careOf,
                    Optional.empty(), "H flag: a home registration, and this address is a correspondent's"));
        }
        if (update.mapRegistration()) {
            return Optional.of(refuse(BindingAckStatus.ADMINISTRATIVELY_PROHIBITED, update, home, careOf,
                    Optional.empty(), "M flag: a local Binding Update (RFC 5380), and this node is no MAP"));
        }
        Optional<NonceIndices> indices = update.option(NonceIndices.class);
        if (indices.isEmpty() || update.option(BindingAuthorizationData.class).isEmpty()) {
            counters.count(Counter.UNAUTHORIZED);
            LOG.debug("correspondent Binding Update from {} without Nonce Indices or Binding Authorization Data:"
                    + " discarded (RFC 6275 §9.5.1)", careOf.getHostAddress());
            return Optional.empty();
        }
        KeygenTokens.BindingKey key = tokens.bindingKey(indices.get(), home, careOf, now);
        if (key.refusal().isPresent()) {
            return Optional.of(refuse(key.refusal().get(), update, home, careOf, Optional.empty(),
                    "nonce indices " + indices.get().homeNonceIndex() + "/" + indices.get().careOfNonceIndex()
                            + " not recognized (RFC 6275 §5.2.7)"));
        }
        // §6.2.7: the correspondent is the Binding Update's destination, the care-of address as above
        Optional<BindingAuthorizer> authorizer = Optional.of(
                new BindingAuthorizer(key.kbm().orElseThrow(), careOf, received.destination()));
        if (!authorizer.get().verifies(mobilityHeader, update)) {
            counters.count(Counter.BAD_AUTHENTICATOR);
            LOG.debug("correspondent Binding Update for {} from {}: authenticator does not verify, discarded"
                    + " (RFC 6275 §9.5.1)", home.getHostAddress(), careOf.getHostAddress());
            return Optional.empty();
        }
        if (homeRegistered.test(home)) {
            return Optional.of(refuse(BindingAckStatus.REGISTRATION_TYPE_CHANGE_DISALLOWED, update, home, careOf,
                    authorizer, "this node holds a home registration for the address"));
        }
        Optional<Mip6Binding> existing = cache.get(home);
        if (existing.isPresent() && !SequenceNumbers.isGreater(update.sequence(), existing.get().sequence())) {
            return Optional.of(new RegistrationResult(BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW.code(),
                    existing.get().sequence(), 0, home, careOf, true,
                    "sequence " + update.sequence() + " not greater than " + existing.get().sequence(), authorizer));
        }
        if (update.isDeregistration() || careOf.equals(home)) {
            return Optional.of(deregister(update, home, careOf, existing, authorizer));
        }
        return Optional.of(register(update, home, careOf, existing, authorizer, now));
    }

    /** §9.5.3: the entry, if any, is deleted; with none there is nothing to delete, and still 0. */
    private RegistrationResult deregister(BindingUpdate update, Inet6Address home, Inet6Address careOf,
            Optional<Mip6Binding> existing, Optional<BindingAuthorizer> authorizer) {
        try {
            cache.remove(home);
        } catch (IOException e) {
            return backupFailed(update, home, careOf, authorizer, e);
        }
        counters.count(Counter.DEREGISTRATIONS);
        if (existing.isPresent()) {
            LOG.info("correspondent registration {}: CACHED -> DELETED (RFC 6275 §9.5.3, care-of {})",
                    home.getHostAddress(), existing.get().careOfAddress().getHostAddress());
        }
        return new RegistrationResult(BindingAckStatus.ACCEPTED.code(), update.sequence(), 0, home, careOf,
                update.acknowledge(), existing.isPresent() ? "deleted" : "no binding to delete", authorizer);
    }

    private RegistrationResult register(BindingUpdate update, Inet6Address home, Inet6Address careOf,
            Optional<Mip6Binding> existing, Optional<BindingAuthorizer> authorizer, long now) {
        if (existing.isEmpty() && cache.size() >= capacity) {
            return refuse(BindingAckStatus.INSUFFICIENT_RESOURCES, update, home, careOf, authorizer,
                    "binding cache full (" + capacity + " entries)");
        }
        int units = Math.min(update.lifetimeUnits(), FourSecondUnits.fromSeconds(MAX_RR_BINDING_LIFETIME_SECONDS));
        long seconds = FourSecondUnits.toSeconds(units);
        Mip6Binding binding = new Mip6Binding(home, careOf, update.sequence(), seconds, now + seconds * 1000,
                Mip6Binding.Origin.REGISTERED);
        try {
            cache.put(binding);
        } catch (IOException e) {
            return backupFailed(update, home, careOf, authorizer, e);
        }
        counters.count(Counter.REGISTRATIONS);
        if (existing.isEmpty() || !existing.get().careOfAddress().equals(careOf)
                || existing.get().origin() == Mip6Binding.Origin.RESTORED) {
            LOG.info("correspondent registration {}: {} -> CACHED (RFC 6275 §9.5.2, care-of {}, {} s)",
                    home.getHostAddress(), existing.map(e -> e.origin().name()).orElse("NONE"),
                    careOf.getHostAddress(), seconds);
        }
        return new RegistrationResult(BindingAckStatus.ACCEPTED.code(), update.sequence(), units, home, careOf,
                update.acknowledge(), "cached for " + seconds + " s", authorizer);
    }

    private RegistrationResult backupFailed(BindingUpdate update, Inet6Address home, Inet6Address careOf,
            Optional<BindingAuthorizer> authorizer, IOException e) {
        counters.count(Counter.BACKUP_FAILURES);
        LOG.warn("correspondent registration {}: the backup write failed, refused with 128: {}",
                home.getHostAddress(), e.toString());
        return refuse(BindingAckStatus.REASON_UNSPECIFIED, update, home, careOf, authorizer,
                "backup write failed: " + e);
    }

    /** §9.5.4: a refused update is acknowledged whether or not it asked (A). */
    private static RegistrationResult refuse(BindingAckStatus status, BindingUpdate update, Inet6Address home,
            Inet6Address careOf, Optional<BindingAuthorizer> authorizer, String reason) {
        return new RegistrationResult(status.code(), update.sequence(), 0, home, careOf, true, reason, authorizer);
    }
}
