package net.homeagent.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.Inet4Address;

import net.homeagent.mip.api.Binding;

/** IPv4 addresses as unsigned 32-bit numbers, and a binding key packed into one {@code long}. */
final class Ipv4 {

    private Ipv4() {
    }

    /** The address as an unsigned number, so that 200.0.0.1 sorts after 10.0.0.1. */
    static long toUnsigned(Inet4Address address) {
        return bits(address) & 0xffff_ffffL;
    }

    /**
     * The address as 32 bits without copying its octets: {@code Inet4Address.hashCode()} is the
     * address itself in every OpenJDK release (Ipv4Test pins that), and {@code getAddress()} would
     * allocate an array for every field of every registration.
     */
    static int bits(Inet4Address address) {
        return address.hashCode();
    }

    static Inet4Address fromBits(int bits) {
        byte[] octets = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    /** Home address in the high 32 bits, care-of address in the low: a binding key without an object. */
    static long packKey(Binding binding) {
        return (long) bits(binding.homeAddress()) << 32 | bits(binding.careOfAddress()) & 0xffff_ffffL;
    }

    static Inet4Address homeAddressOf(long packedKey) {
        return fromBits((int) (packedKey >>> 32));
    }

    static Inet4Address careOfAddressOf(long packedKey) {
        return fromBits((int) packedKey);
    }
}
