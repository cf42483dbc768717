package net.homeagent.mip.codec.mip6;

/**
 * Binding Refresh Advice, RFC 6275 §6.2.4 (type 2, length 2, alignment 2n): in a Binding
 * Acknowledgement from a home agent, how soon the mobile node should refresh.
 *
 * @param refreshIntervalUnits the Refresh Interval in 4-second units; see {@link #refreshIntervalSeconds()}
 */
public record BindingRefreshAdvice(int refreshIntervalUnits) implements MobilityOption {
    public static final int TYPE = 2;

    public BindingRefreshAdvice {
        FourSecondUnits.check(refreshIntervalUnits, "refresh interval");
    }

    @Override
    public int type() {
        return TYPE;
    }

    public long refreshIntervalSeconds() {
        return FourSecondUnits.toSeconds(refreshIntervalUnits);
    }
}
