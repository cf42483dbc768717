package net.homeagent.mip.codec.mip6;

import java.util.List;

/**
 * Home Test Init, RFC 6275 §6.1.3 (MH Type 1): the mobile node starts the home address test of
 * return routability through its home agent. Fixed part: 16 reserved bits, 64-bit Home Init Cookie.
 */
public record HomeTestInit(long homeInitCookie, List<MobilityOption> options) implements MobilityMessage {
    public static final int MH_TYPE = 1;

    public HomeTestInit {
        options = MobilityOptions.copy(options);
    }

    @Override
    public int mhType() {
        return MH_TYPE;
    }
}
