package net.homeagent.mimmclient.homeagent;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * The mobile node's identity and its security association with the home agent (RFC 5944 §3.5.2,
 * §5.1): home address, home agent address, SPI and the HMAC-MD5 key.
 */
public record MobileNodeKey(Inet4Address homeAddress, Inet4Address homeAgent, long spi, byte[] key) {

    public MobileNodeKey {
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(homeAgent, "homeAgent");
        if (spi < 256 || spi > 0xffff_ffffL) {
            // RFC 5944 §1.6: SPIs 0-255 are reserved
            throw new IllegalArgumentException("SPI is 256..4294967295: " + spi);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the MN-HA key is empty");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }
}
