package net.homeagent.ha.security;

import java.util.Arrays;

import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

/**
 * Associations in file order, one array per field and every key in one byte array: a million
 * associations are a dozen arrays, not a few million objects to allocate at load and for the
 * collector to trace afterwards. Grows as it is filled; not thread-safe while it is filled.
 */
final class AssociationColumns {

    private static final AuthenticationAlgorithm[] ALGORITHMS = AuthenticationAlgorithm.values();
    private static final ReplayProtection[] REPLAYS = ReplayProtection.values();

    private int size;
    private int[] lines;
    private int[] addresses;
    /** The NAI as written, or null where the owner is a home address. */
    private String[] nais;
    private int[] spis;
    private byte[] algorithms;
    private byte[] replays;
    /** Association i's key is {@code keys[keyEnds[i-1], keyEnds[i])}. */
    private int[] keyEnds;
    private byte[] keys;

    AssociationColumns(int expected) {
        int capacity = Math.max(16, expected);
        lines = new int[capacity];
        addresses = new int[capacity];
        nais = new String[capacity];
        spis = new int[capacity];
        algorithms = new byte[capacity];
        replays = new byte[capacity];
        keyEnds = new int[capacity];
        keys = new byte[capacity * 16];
    }

    int size() {
        return size;
    }

    /**
     * Room for the next association's key of {@code length} octets: its offset in
     * {@link #keyArray()}. The key counts only once {@link #add} is called; a line found bad while
     * its key is written leaves nothing behind.
     */
    int reserveKey(int length) {
        int start = keyStart(size);
        if (start + length > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, start + length));
        }
        return start;
    }

    /** The array {@link #reserveKey} offsets point into; it changes when the columns grow. */
    byte[] keyArray() {
        return keys;
    }

    /** Adds an association whose key was written at {@link #reserveKey}. */
    void add(int line, int address, String nai, long spi, AuthenticationAlgorithm algorithm, int keyLength,
            ReplayProtection replay) {
        if (size == lines.length) {
            grow();
        }
        lines[size] = line;
        addresses[size] = address;
        nais[size] = nai;
        spis[size] = (int) spi;
        algorithms[size] = (byte) algorithm.ordinal();
        replays[size] = (byte) replay.ordinal();
        keyEnds[size] = keyStart(size) + keyLength;
        size++;
    }

    /** Appends association {@code i} of {@code other}, with {@code line} as its line. */
    void addFrom(AssociationColumns other, int i, int line) {
        int length = other.keyLength(i);
        int start = reserveKey(length);
        System.arraycopy(other.keys, other.keyStart(i), keys, start, length);
        add(line, other.addresses[i], other.nais[i], other.spi(i), other.algorithm(i), length, other.replay(i));
    }

    private void grow() {
        int capacity = lines.length * 2;
        lines = Arrays.copyOf(lines, capacity);
        addresses = Arrays.copyOf(addresses, capacity);
        nais = Arrays.copyOf(nais, capacity);
        spis = Arrays.copyOf(spis, capacity);
        algorithms = Arrays.copyOf(algorithms, capacity);
        replays = Arrays.copyOf(replays, capacity);
        keyEnds = Arrays.copyOf(keyEnds, capacity);
    }

    int line(int i) {
        return lines[i];
    }

    boolean hasAddress(int i) {
        return nais[i] == null;
    }

    /** The home address as a 32-bit value; meaningful only where {@link #hasAddress}. */
    int address(int i) {
        return addresses[i];
    }

    String nai(int i) {
        return nais[i];
    }

    long spi(int i) {
        return spis[i] & 0xffff_ffffL;
    }

    AuthenticationAlgorithm algorithm(int i) {
        return ALGORITHMS[algorithms[i]];
    }

    ReplayProtection replay(int i) {
        return REPLAYS[replays[i]];
    }

    int keyLength(int i) {
        return keyEnds[i] - keyStart(i);
    }

    /** A copy of association i's key. */
    byte[] key(int i) {
        return Arrays.copyOfRange(keys, keyStart(i), keyEnds[i]);
    }

    private int keyStart(int i) {
        return i == 0 ? 0 : keyEnds[i - 1];
    }
}
