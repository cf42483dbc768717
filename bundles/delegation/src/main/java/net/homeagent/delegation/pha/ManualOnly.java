package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.util.List;
import java.util.OptionalInt;

/** Nothing is delegated by itself: mobiles stay at the PHA until an operator moves them ({@code delegation:move}). */
public final class ManualOnly implements DelegationPolicy {

    public static final String NAME = "manual";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptionalInt choose(Inet4Address home, List<ShaLoad> available) {
        return OptionalInt.empty();
    }
}
