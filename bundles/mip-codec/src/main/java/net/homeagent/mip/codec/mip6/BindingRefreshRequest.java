package net.homeagent.mip.codec.mip6;

import java.util.List;

/**
 * Binding Refresh Request, RFC 6275 §6.1.2 (MH Type 0): a correspondent, home agent or MAP asks
 * the mobile node to update its binding; after a restart the binding cache recovery sends one
 * per backed-up entry. Fixed part: 16 reserved bits.
 */
public record BindingRefreshRequest(List<MobilityOption> options) implements MobilityMessage {
    public static final int MH_TYPE = 0;

    public BindingRefreshRequest {
        options = MobilityOptions.copy(options);
    }

    @Override
    public int mhType() {
        return MH_TYPE;
    }
}
