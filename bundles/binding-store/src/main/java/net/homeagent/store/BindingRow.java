package net.homeagent.store;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The layout of one binding as a row of {@value #STRIDE} ints in a {@link TableSegment} (48 bytes),
 * and the conversions between a row and a {@link Binding}. A row holds no reference: the heap of
 * a million bindings is a few large primitive arrays that the garbage collector never has to trace.
 * <pre>
 * 0 home address           1 care-of address      2 home agent address   3 source address
 * 4 source port (16) | granted lifetime (16)
 * 5 flags (8) | encapsulation (2) | reverse tunnel (1) | never (1) | inner encapsulation (2, RFC 3519 §3.1)
 * 6 registeredAt: epoch second (unsigned)        7 registeredAt: nanosecond
 * 8 expiresAt - registeredAt in seconds (unsigned; same nanosecond)
 * 9, 10 identification (high, low)               11 next row of the same home address, or -1
 * </pre>
 * What does not fit (a NAI; an {@code expiresAt} with another nanosecond than {@code registeredAt},
 * a time outside 1970..2106, a lifetime beyond 16 bits) is kept in the segment's side column, so that
 * {@link #toBinding} always gives back exactly the {@link Binding} that was stored.
 */
final class BindingRow {

    static final int STRIDE = 12;
    static final int HOME = 0;
    static final int CARE_OF = 1;
    static final int HOME_AGENT = 2;
    static final int SOURCE = 3;
    static final int PORT_LIFETIME = 4;
    static final int BITS = 5;
    static final int REGISTERED_SECOND = 6;
    static final int REGISTERED_NANO = 7;
    static final int EXPIRES_AFTER = 8;
    static final int ID_HIGH = 9;
    static final int ID_LOW = 10;
    static final int NEXT = 11;

    /** BITS: {@code expiresAt} is {@link Instant#MAX}. */
    private static final int NEVER_BIT = 1 << 11;
    private static final int REVERSE_BIT = 1 << 10;
    private static final int ENCAPSULATION_SHIFT = 8;
    private static final int INNER_SHIFT = 12;
    private static final Encapsulation[] ENCAPSULATIONS = Encapsulation.values();
    private static final long UNSIGNED_INT = 0xffff_ffffL;

    /** The side-column value of a row whose times or lifetime do not fit the row (and maybe a NAI). */
    record Unfitting(String nai, Instant registeredAt, Instant expiresAt, int grantedLifetime) {
    }

    private BindingRow() {
    }

    /**
     * Refuses what neither the row nor the backup record can hold: the UDP source port is 16 bits,
     * the flags one octet (RFC 5944 §3.3).
     */
    static void requireFits(Binding b) {
        if (b.sourcePort() < 0 || b.sourcePort() > 0xffff) {
            throw new IllegalArgumentException("source port " + b.sourcePort() + " is not a 16-bit value");
        }
        if (b.flags() < 0 || b.flags() > 0xff) {
            throw new IllegalArgumentException("flags " + b.flags() + " are not one octet");
        }
        if (b.encapsulation().ordinal() > 3 || b.innerEncapsulation().ordinal() > 3) {
            throw new IllegalArgumentException("encapsulation " + b.encapsulation() + "/" + b.innerEncapsulation()
                    + " has no row code");
        }
    }

    /** Writes {@code b} into {@code rows} at {@code base}, leaving NEXT alone; returns its side-column value or null. */
    static Object write(int[] rows, int base, Binding b) {
        Instant registered = b.registeredAt();
        Instant expires = b.expiresAt();
        long registeredSecond = registered.getEpochSecond();
        boolean never = expires.equals(Instant.MAX);
        long after = expires.getEpochSecond() - registeredSecond;
        boolean fits = (registeredSecond & ~UNSIGNED_INT) == 0
                && (never || expires.getNano() == registered.getNano() && (after & ~UNSIGNED_INT) == 0)
                && (b.grantedLifetime() & ~0xffff) == 0;
        rows[base + HOME] = Ipv4.toInt(b.homeAddress());
        rows[base + CARE_OF] = Ipv4.toInt(b.careOfAddress());
        rows[base + HOME_AGENT] = Ipv4.toInt(b.homeAgent());
        rows[base + SOURCE] = Ipv4.toInt(b.sourceAddress());
        rows[base + PORT_LIFETIME] = b.sourcePort() << 16 | b.grantedLifetime() & 0xffff;
        rows[base + BITS] = b.flags() | b.encapsulation().ordinal() << ENCAPSULATION_SHIFT
                | (b.reverseTunnel() ? REVERSE_BIT : 0) | (never ? NEVER_BIT : 0)
                | b.innerEncapsulation().ordinal() << INNER_SHIFT;
        rows[base + REGISTERED_SECOND] = fits ? (int) registeredSecond : 0;
        rows[base + REGISTERED_NANO] = fits ? registered.getNano() : 0;
        rows[base + EXPIRES_AFTER] = fits && !never ? (int) after : 0;
        rows[base + ID_HIGH] = (int) (b.identification() >>> 32);
        rows[base + ID_LOW] = (int) b.identification();
        String nai = b.nai().orElse(null);
        return fits ? nai : new Unfitting(nai, registered, expires, b.grantedLifetime());
    }

    /**
     * The binding of the row at {@code base}; {@code home} is the caller's object for the row's home
     * address when it has one (a lookup by home address), else null.
     */
    static Binding toBinding(int[] rows, int base, Object extra, Inet4Address home, AddressCache addresses) {
        int portLifetime = rows[base + PORT_LIFETIME];
        int bits = rows[base + BITS];
        return new Binding(home != null ? home : Ipv4.of(rows[base + HOME]),
                addresses.of(rows[base + CARE_OF]), addresses.of(rows[base + HOME_AGENT]),
                addresses.of(rows[base + SOURCE]), portLifetime >>> 16, Optional.ofNullable(naiOf(extra)),
                grantedLifetime(rows, base, extra), registeredAt(rows, base, extra), expiresAt(rows, base, extra),
                identification(rows, base), bits & 0xff, ENCAPSULATIONS[bits >>> ENCAPSULATION_SHIFT & 3],
                (bits & REVERSE_BIT) != 0, ENCAPSULATIONS[bits >>> INNER_SHIFT & 3]);
    }

    static String naiOf(Object extra) {
        return extra instanceof Unfitting exact ? exact.nai() : (String) extra;
    }

    static long identification(int[] rows, int base) {
        return (long) rows[base + ID_HIGH] << 32 | rows[base + ID_LOW] & UNSIGNED_INT;
    }

    static int grantedLifetime(int[] rows, int base, Object extra) {
        return extra instanceof Unfitting unfitting ? unfitting.grantedLifetime() : rows[base + PORT_LIFETIME] & 0xffff;
    }

    static Instant registeredAt(int[] rows, int base, Object extra) {
        if (extra instanceof Unfitting exact) {
            return exact.registeredAt();
        }
        return Instant.ofEpochSecond(rows[base + REGISTERED_SECOND] & UNSIGNED_INT, rows[base + REGISTERED_NANO]);
    }

    static Instant expiresAt(int[] rows, int base, Object extra) {
        if (extra instanceof Unfitting exact) {
            return exact.expiresAt();
        }
        if ((rows[base + BITS] & NEVER_BIT) != 0) {
            return Instant.MAX;
        }
        return Instant.ofEpochSecond(expiresSecond(rows, base, extra), rows[base + REGISTERED_NANO]);
    }

    /** The epoch second of {@code expiresAt}, without making an {@link Instant} in the common case. */
    static long expiresSecond(int[] rows, int base, Object extra) {
        if (extra instanceof Unfitting exact) {
            return exact.expiresAt().getEpochSecond();
        }
        if ((rows[base + BITS] & NEVER_BIT) != 0) {
            return Instant.MAX.getEpochSecond();
        }
        return (rows[base + REGISTERED_SECOND] & UNSIGNED_INT) + (rows[base + EXPIRES_AFTER] & UNSIGNED_INT);
    }

    /** {@link Binding#isExpiredAt}: {@code expiresAt} is not after {@code now}. */
    static boolean isExpiredAt(int[] rows, int base, Object extra, Instant now) {
        if (extra instanceof Unfitting exact) {
            return !exact.expiresAt().isAfter(now);
        }
        if ((rows[base + BITS] & NEVER_BIT) != 0) {
            return false;
        }
        long second = expiresSecond(rows, base, extra);
        return second < now.getEpochSecond()
                || second == now.getEpochSecond() && rows[base + REGISTERED_NANO] <= now.getNano();
    }

    /** {@link Lifetimes#neverExpires(Binding)}: an infinite lifetime, or an {@code expiresAt} past epoch milliseconds. */
    static boolean neverExpires(int[] rows, int base, Object extra) {
        if (grantedLifetime(rows, base, extra) == Binding.INFINITE_LIFETIME) {
            return true;
        }
        if (extra instanceof Unfitting exact) {
            return !exact.expiresAt().isBefore(Lifetimes.NEVER);
        }
        return (rows[base + BITS] & NEVER_BIT) != 0;
    }
}
