package net.homeagent.mip.codec.mip6;

/** Range checks of the records: a value that does not fit its field is a local bug. */
final class WireRanges {

    private WireRanges() {
    }

    static int unsigned8(int value, String field) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(field + " " + value + " does not fit 8 unsigned bits");
        }
        return value;
    }

    static int unsigned16(int value, String field) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(field + " " + value + " does not fit 16 unsigned bits");
        }
        return value;
    }
}
