package net.homeagent.mip.codec.mip6;

import java.util.List;

/**
 * Home Test, RFC 6275 §6.1.5 (MH Type 3): the correspondent's answer to a Home Test Init, with the
 * home keygen token of §5.2.5 ({@link ReturnRoutability#homeKeygenToken}). Fixed part: 16-bit Home
 * Nonce Index, 64-bit Home Init Cookie (echoed), 64-bit Home Keygen Token.
 */
public record HomeTest(int homeNonceIndex, long homeInitCookie, long homeKeygenToken, List<MobilityOption> options)
        implements MobilityMessage {
    public static final int MH_TYPE = 3;

    public HomeTest {
        WireRanges.unsigned16(homeNonceIndex, "home nonce index");
        options = MobilityOptions.copy(options);
    }

    @Override
    public int mhType() {
        return MH_TYPE;
    }
}
