package net.homeagent.mip.codec.mimm;

import java.util.Optional;

/** An enum constant that stands for one octet value on the wire. */
interface WireCode {

    int code();

    /** The constant of {@code kind} with this code; empty for a value version 1 does not define. */
    static <E extends Enum<E> & WireCode> Optional<E> of(Class<E> kind, int code) {
        for (E constant : kind.getEnumConstants()) {
            if (constant.code() == code) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
