package net.homeagent.store;

import java.util.Comparator;

import net.homeagent.mip.api.Binding;

/** The order of {@code BindingStore.list}: by home address, then care-of address, both numerically. */
final class BindingOrder {

    static final Comparator<Binding> HOME_THEN_CARE_OF = Comparator
            .comparingLong((Binding b) -> Ipv4.bits(b.homeAddress()) & 0xffff_ffffL)
            .thenComparingLong(b -> Ipv4.bits(b.careOfAddress()) & 0xffff_ffffL);

    private BindingOrder() {
    }
}
