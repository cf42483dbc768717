package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.util.List;

/**
 * Binding Error, RFC 6275 §6.1.9 (MH Type 7).
 *
 * <pre>
 *  6: Status (8) | Reserved (8)
 *  8: Home Address (128)
 * 24: Mobility options ...
 * </pre>
 *
 * @param status      {@link #UNKNOWN_BINDING_FOR_HOME_ADDRESS} or {@link #UNRECOGNIZED_MH_TYPE}
 * @param homeAddress the home address of the offending packet's Home Address option, or the
 *                    unspecified address when it had none
 */
public record BindingError(int status, Inet6Address homeAddress, List<MobilityOption> options)
        implements MobilityMessage {
    public static final int MH_TYPE = 7;
    /** Status 1: a Home Address destination option without a binding (§9.3.1). */
    public static final int UNKNOWN_BINDING_FOR_HOME_ADDRESS = 1;
    /** Status 2: an MH Type the receiver does not know (§9.2). */
    public static final int UNRECOGNIZED_MH_TYPE = 2;

    public BindingError {
        WireRanges.unsigned8(status, "status");
        if (homeAddress == null) {
            throw new IllegalArgumentException("home address (the unspecified address when unknown)");
        }
        options = MobilityOptions.copy(options);
    }

    @Override
    public int mhType() {
        return MH_TYPE;
    }
}
