package net.homeagent.mip6.correspondent;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.BindingAckStatus;
import net.homeagent.mip.codec.mip6.CareOfTest;
import net.homeagent.mip.codec.mip6.CareOfTestInit;
import net.homeagent.mip.codec.mip6.HomeTest;
import net.homeagent.mip.codec.mip6.HomeTestInit;
import net.homeagent.mip.codec.mip6.NonceIndices;
import net.homeagent.mip.codec.mip6.ReturnRoutability;

/**
 * The correspondent's half of return routability (RFC 6275 §5.2.5, §9.4): Home Test and Care-of
 * Test with keygen tokens made from the current nonce and Kcn, and, for a Binding Update, the
 * tokens made again from the nonce indices it names and Kbm from them (§5.2.5, §9.5.1: "The
 * correspondent node MUST re-generate the home keygen token and the care-of keygen token from the
 * information contained in the packet"). The correspondent keeps no per-mobile state until a
 * Binding Update is accepted (§5.2.8: no state from HoTI or CoTI, so they cannot exhaust it).
 */
public final class KeygenTokens {

    private final NonceTable nonces;

    public KeygenTokens(NonceTable nonces) {
        this.nonces = nonces;
    }

    /**
     * §9.4.3: the Home Test to {@code homeAddress} (the HoTI's source): the cookie echoed, the
     * current nonce index, home keygen token = First (64, HMAC_SHA1 (Kcn, home address | nonce | 0)).
     */
    public HomeTest homeTest(HomeTestInit init, Inet6Address homeAddress, long nowMillis) {
        NonceGeneration current = nonces.current(nowMillis);
        return new HomeTest(current.index(), init.homeInitCookie(),
                ReturnRoutability.homeKeygenToken(current.kcn(), homeAddress, current.nonce()), List.of());
    }

    /** §9.4.4: the Care-of Test to {@code careOfAddress}, care-of keygen token (... | nonce | 1). */
    public CareOfTest careOfTest(CareOfTestInit init, Inet6Address careOfAddress, long nowMillis) {
        NonceGeneration current = nonces.current(nowMillis);
        return new CareOfTest(current.index(), init.careOfInitCookie(),
                ReturnRoutability.careOfKeygenToken(current.kcn(), careOfAddress, current.nonce()), List.of());
    }

    /**
     * Kbm for a Binding Update, or the status that refuses it because a nonce index is no longer
     * recognized (§9.5.1): 136 expired home nonce index, 137 expired care-of nonce index, 138
     * both. A mobile node returning home (care-of = home address) uses the home keygen token only,
     * Kbm = SHA1 (home keygen token), and its care-of nonce index is ignored (§5.2.5, §6.2.6).
     */
    public BindingKey bindingKey(NonceIndices indices, Inet6Address homeAddress, Inet6Address careOfAddress,
            long nowMillis) {
        boolean returningHome = homeAddress.equals(careOfAddress);
        Optional<NonceGeneration> home = nonces.find(indices.homeNonceIndex(), nowMillis);
        Optional<NonceGeneration> careOf = returningHome ? Optional.empty()
                : nonces.find(indices.careOfNonceIndex(), nowMillis);
        if (home.isEmpty() && !returningHome && careOf.isEmpty()) {
            return BindingKey.refused(BindingAckStatus.EXPIRED_NONCES);
        }
        if (home.isEmpty()) {
            return BindingKey.refused(BindingAckStatus.EXPIRED_HOME_NONCE_INDEX);
        }
        long homeToken = ReturnRoutability.homeKeygenToken(home.get().kcn(), homeAddress, home.get().nonce());
        if (returningHome) {
            return BindingKey.of(ReturnRoutability.kbmForDeregistration(homeToken));
        }
        if (careOf.isEmpty()) {
            return BindingKey.refused(BindingAckStatus.EXPIRED_CARE_OF_NONCE_INDEX);
        }
        long careOfToken = ReturnRoutability.careOfKeygenToken(careOf.get().kcn(), careOfAddress,
                careOf.get().nonce());
        return BindingKey.of(ReturnRoutability.kbm(homeToken, careOfToken));
    }

    /**
     * Kbm, or the status refusing the update for its nonces.
     *
     * @param kbm     the binding management key, 20 octets; empty when refused
     * @param refusal 136, 137 or 138; empty when Kbm is there
     */
    public record BindingKey(Optional<byte[]> kbm, Optional<BindingAckStatus> refusal) {

        static BindingKey of(byte[] kbm) {
            return new BindingKey(Optional.of(kbm), Optional.empty());
        }

        static BindingKey refused(BindingAckStatus status) {
            return new BindingKey(Optional.empty(), Optional.of(status));
        }
    }
}
