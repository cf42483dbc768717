package net.homeagent.ha.security;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The associations of one load of the file, found by home address and SPI or by NAI and SPI.
 * Immutable once built. The columns are the only copy: a {@link SecurityAssociation} is made for
 * each lookup and dropped with its request. Keeping the one made at a node's first lookup cost the
 * heap ~170 B per node for as long as the file is loaded (the object, its address, its key), more
 * than the binding itself (docs/PERFORMANCE.md, heap per binding); making it again is a few short-
 * lived objects per registration, which the young generation collects for almost nothing.
 */
final class SecurityAssociationTable {

    static final SecurityAssociationTable EMPTY = new Builder(0).build();

    private final AssociationColumns columns;
    private final AddressSpiIndex byAddress;
    private final Map<NaiKey, Integer> byNai;

    private SecurityAssociationTable(AssociationColumns columns, AddressSpiIndex byAddress, Map<NaiKey, Integer> byNai) {
        this.columns = columns;
        this.byAddress = byAddress;
        this.byNai = byNai;
    }

    int size() {
        return columns.size();
    }

    Optional<SecurityAssociation> forHomeAddress(Inet4Address homeAddress, long spi) {
        if (spi < 0 || spi > 0xffff_ffffL) {
            return Optional.empty();
        }
        // Inet4Address hashes to its 32-bit value; getAddress() would copy the octets on every request
        int position = byAddress.find(homeAddress.hashCode(), spi);
        // the request's own address object serves as the association's: nothing to make for it
        return position < 0 ? Optional.empty() : Optional.of(association(position, Optional.of(homeAddress)));
    }

    Optional<SecurityAssociation> forNai(String nai, long spi) {
        Integer position = byNai.get(new NaiKey(nai.toLowerCase(Locale.ROOT), spi));
        return position == null ? Optional.empty() : Optional.of(association(position, homeAddress(position)));
    }

    List<SecurityAssociationInfo> describeAll() {
        List<SecurityAssociationInfo> all = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            all.add(new SecurityAssociationInfo(homeAddress(i), nai(i), columns.spi(i), columns.algorithm(i),
                    columns.replay(i), columns.keyLength(i)));
        }
        return all;
    }

    private SecurityAssociation association(int position, Optional<Inet4Address> homeAddress) {
        return new SecurityAssociation(homeAddress, nai(position), columns.spi(position),
                columns.algorithm(position), columns.key(position), columns.replay(position));
    }

    private Optional<Inet4Address> homeAddress(int i) {
        return columns.hasAddress(i) ? Optional.of(Ipv4.of(columns.address(i))) : Optional.empty();
    }

    private Optional<String> nai(int i) {
        return Optional.ofNullable(columns.nai(i));
    }

    private record NaiKey(String nai, long spi) {
    }

    /**
     * Takes the parsed associations in file order; an owner and SPI seen before is refused with
     * the line that has it, so the first one is kept wherever the file was cut for parsing.
     */
    static final class Builder {
        private final AssociationColumns columns;
        private final AddressSpiIndex byAddress;
        private final Map<NaiKey, Integer> byNai = new HashMap<>();

        /** @param capacity how many associations at most will be added */
        Builder(int capacity) {
            columns = new AssociationColumns(capacity);
            byAddress = new AddressSpiIndex(capacity);
        }

        /**
         * Adds association {@code i} of {@code parsed} as line {@code line} of the file, or returns
         * the line of the association it duplicates.
         */
        Optional<Integer> add(AssociationColumns parsed, int i, int line) {
            int position = columns.size();
            long spi = parsed.spi(i);
            int held;
            if (parsed.hasAddress(i)) {
                held = byAddress.putIfAbsent(parsed.address(i), spi, position);
            } else {
                Integer first = byNai.putIfAbsent(new NaiKey(parsed.nai(i).toLowerCase(Locale.ROOT), spi), position);
                held = first == null ? -1 : first;
            }
            if (held >= 0) {
                return Optional.of(columns.line(held));
            }
            columns.addFrom(parsed, i, line);
            return Optional.empty();
        }

        SecurityAssociationTable build() {
            // the builder is dropped here: nothing changes the map afterwards
            return new SecurityAssociationTable(columns, byAddress, byNai);
        }
    }
}
