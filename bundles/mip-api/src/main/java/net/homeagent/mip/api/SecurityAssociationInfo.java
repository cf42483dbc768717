package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.Optional;

import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

/** What an operator may see of a security association: everything but the key. */
public record SecurityAssociationInfo(Optional<Inet4Address> homeAddress, Optional<String> nai, long spi,
        AuthenticationAlgorithm algorithm, ReplayProtection replay, int keyLength) {
}
