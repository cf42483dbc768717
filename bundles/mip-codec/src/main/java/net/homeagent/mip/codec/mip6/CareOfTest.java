package net.homeagent.mip.codec.mip6;

import java.util.List;

/**
 * Care-of Test, RFC 6275 §6.1.6 (MH Type 4): the correspondent's answer to a Care-of Test Init, with
 * the care-of keygen token of §5.2.5 ({@link ReturnRoutability#careOfKeygenToken}). Fixed part:
 * 16-bit Care-of Nonce Index, 64-bit Care-of Init Cookie (echoed), 64-bit Care-of Keygen Token.
 */
public record CareOfTest(int careOfNonceIndex, long careOfInitCookie, long careOfKeygenToken,
        List<MobilityOption> options) implements MobilityMessage {
    public static final int MH_TYPE = 4;

    public CareOfTest {
        WireRanges.unsigned16(careOfNonceIndex, "care-of nonce index");
        options = MobilityOptions.copy(options);
    }

    @Override
    public int mhType() {
        return MH_TYPE;
    }
}
