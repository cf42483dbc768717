package net.homeagent.ha.registration;

import java.util.OptionalLong;
import java.util.function.Supplier;

import net.homeagent.mip.api.SecurityAssociation;

/**
 * What replay protection (RFC 5944 §5.7) remembers per mobile node, keyed by the owner of its
 * security association: its home address, else its NAI (the association's
 * {@link SecurityAssociation#owner()}, without the text form of the address). Every operation is
 * atomic, so that two copies of one request arriving together on two event loops cannot both pass.
 */
public interface ReplayState {

    /**
     * The key of a node's replay state: its association's home address itself
     * ({@code Inet4Address} compares and hashes by its 32-bit value), else its NAI.
     */
    static Object nodeOf(SecurityAssociation owner) {
        return owner.homeAddress().isPresent() ? owner.homeAddress().get() : owner.nai().orElseThrow();
    }

    /**
     * Timestamps (§5.7.1): records {@code identification} as the owner's last accepted one if it
     * is greater, as an unsigned 64-bit number, than the last accepted one; when nothing is
     * recorded for the owner (e.g. after this bundle restarted) {@code fallback} supplies the
     * last accepted identification, if one is known.
     *
     * @return whether {@code identification} was greater and is now recorded
     */
    boolean advance(SecurityAssociation owner, long identification, Supplier<OptionalLong> fallback);

    /**
     * Nonces (§5.7.2): if {@code nonce} is the owner's outstanding home agent nonce, forgets it
     * (it is good for one request only).
     *
     * @return whether it was the outstanding nonce
     */
    boolean consumeNonce(SecurityAssociation owner, int nonce);

    /** Nonces (§5.7.2): a fresh random nonce, now the owner's outstanding one. */
    int issueNonce(SecurityAssociation owner);
}
