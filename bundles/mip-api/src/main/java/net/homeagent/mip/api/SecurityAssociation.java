package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.Optional;

import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

/**
 * A mobility security association between the home agent and one mobile node (RFC 5944 §1.6,
 * §3.5), found by the mobile node's home address or NAI and the SPI it sends. The key never
 * leaves this object in text: {@link #toString()} and {@link #describe()} omit it.
 *
 * @param homeAddress the home address it protects, or empty for an NAI-keyed association
 * @param nai         the NAI it protects (RFC 2794), or empty
 * @param spi         the 32-bit security parameter index, unsigned
 * @param algorithm   the authentication algorithm
 * @param key         the shared secret
 * @param replay      the replay protection style
 */
public record SecurityAssociation(Optional<Inet4Address> homeAddress, Optional<String> nai, long spi,
        AuthenticationAlgorithm algorithm, byte[] key, ReplayProtection replay) {

    public SecurityAssociation {
        if (homeAddress.isEmpty() && nai.isEmpty()) {
            throw new IllegalArgumentException("a security association needs a home address or an NAI");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** Computes this association's authenticator over {@code data[offset, offset+length)}. */
    public byte[] authenticate(byte[] data, int offset, int length) {
        return algorithm.compute(key, data, offset, length);
    }

    public boolean verify(byte[] data, int offset, int length, byte[] authenticator) {
        return algorithm.verify(key, data, offset, length, authenticator);
    }

    /** Who the association belongs to: the home address, else the NAI. */
    public String owner() {
        return homeAddress.map(Inet4Address::getHostAddress).orElseGet(nai::get);
    }

    /** A key-free description for logs and the shell. */
    public SecurityAssociationInfo describe() {
        return new SecurityAssociationInfo(homeAddress, nai, spi, algorithm, replay, key.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityAssociation s && s.homeAddress.equals(homeAddress) && s.nai.equals(nai)
                && s.spi == spi && s.algorithm == algorithm && java.util.Arrays.equals(s.key, key)
                && s.replay == replay;
    }

    @Override
    public int hashCode() {
        return owner().hashCode() * 31 + Long.hashCode(spi);
    }

    @Override
    public String toString() {
        return "SecurityAssociation[owner=" + owner() + ", spi=" + spi + ", algorithm=" + algorithm.configName()
                + ", replay=" + replay.configName() + ", key=<" + key.length + " bytes hidden>]";
    }
}
