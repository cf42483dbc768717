package net.homeagent.mip6.homelink;

import java.net.Inet6Address;

/**
 * The Neighbor Advertisement a home agent multicasts on the home link on behalf of a mobile node
 * (RFC 6275 §10.4.1; format RFC 4861 §4.4): Target Address the home address, the Target
 * Link-layer Address option carrying the home agent's own link-layer address, Router clear,
 * Solicited clear, Override set, so that every node on the link sends to the home agent what it
 * sent to the mobile node. The checksum is left 0 for the raw socket to fill in.
 */
final class ProxyAdvertisement {

    static final int NEIGHBOR_ADVERTISEMENT = 136;
    static final int OVERRIDE = 0x20;
    static final int TARGET_LINK_LAYER_ADDRESS = 2;
    static final int LENGTH = 32;

    private ProxyAdvertisement() {
    }

    static byte[] encode(Inet6Address homeAddress, byte[] linkLayerAddress) {
        if (linkLayerAddress.length != 6) {
            throw new IllegalArgumentException("an Ethernet address has 6 octets, not " + linkLayerAddress.length);
        }
        byte[] message = new byte[LENGTH];
        message[0] = (byte) NEIGHBOR_ADVERTISEMENT;
        message[4] = (byte) OVERRIDE;
        System.arraycopy(homeAddress.getAddress(), 0, message, 8, 16);
        message[24] = TARGET_LINK_LAYER_ADDRESS;
        message[25] = 1; // in units of 8 octets
        System.arraycopy(linkLayerAddress, 0, message, 26, 6);
        return message;
    }
}
