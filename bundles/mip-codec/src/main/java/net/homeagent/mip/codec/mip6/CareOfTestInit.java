package net.homeagent.mip.codec.mip6;

import java.util.List;

/**
 * Care-of Test Init, RFC 6275 §6.1.4 (MH Type 2): the mobile node starts the care-of address test,
 * sent directly to the correspondent. Fixed part: 16 reserved bits, 64-bit Care-of Init Cookie.
 */
public record CareOfTestInit(long careOfInitCookie, List<MobilityOption> options) implements MobilityMessage {
    public static final int MH_TYPE = 2;

    public CareOfTestInit {
        options = MobilityOptions.copy(options);
    }

    @Override
    public int mhType() {
        return MH_TYPE;
    }
}
