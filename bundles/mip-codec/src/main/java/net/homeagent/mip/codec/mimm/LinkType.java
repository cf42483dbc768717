package net.homeagent.mip.codec.mimm;

import java.util.Locale;
import java.util.Optional;

/** The kind of radio (or wire) a network or a mobile's link is; one octet on the wire. */
public enum LinkType implements WireCode {
    UNKNOWN(0), WLAN(1), CELLULAR(2), ETHERNET(3), SATELLITE(4);

    private final int code;

    LinkType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The lower-case name used in etc/mimm-networks.conf and the shell. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LinkType> ofLabel(String label) {
        for (LinkType type : values()) {
            if (type.label().equals(label)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
