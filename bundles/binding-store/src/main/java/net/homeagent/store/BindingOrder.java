package net.homeagent.store;

import java.util.Comparator;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.codec.wire.Ipv4;

/** The order of {@code BindingStore.list}: by home address, then care-of address, both numerically. */
final class BindingOrder {

    static final Comparator<Binding> HOME_THEN_CARE_OF = Comparator
            .comparingLong((Binding b) -> Ipv4.toUnsigned(b.homeAddress()))
            .thenComparingLong(b -> Ipv4.toUnsigned(b.careOfAddress()));

    private BindingOrder() {
    }
}
