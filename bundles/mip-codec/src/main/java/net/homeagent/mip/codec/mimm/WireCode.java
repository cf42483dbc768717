package net.homeagent.mip.codec.mimm;

import java.util.Optional;

/** An enum constant that stands for one octet value on the wire. */
interface WireCode {

    int code();

    /** The constant of {@code kind} with this code; empty for a value version 1 does not define. */
    static <E extends Enum<E> & WireCode> Optional<E> of(Class<E> kind, int code) {
        for (Object constant : Constants.OF.get(kind)) {
            if (((WireCode) constant).code() == code) {
                return Optional.of(kind.cast(constant));
            }
        }
        return Optional.empty();
    }

    /**
     * Each enum's constants, read once: {@code getEnumConstants()} copies the array on every call, and
     * a Request Handoff's link type is looked up on every registration that carries one.
     */
    final class Constants {
        static final ClassValue<Object[]> OF = new ClassValue<>() {
            @Override
            protected Object[] computeValue(Class<?> type) {
                return type.getEnumConstants();
            }
        };

        private Constants() {
        }
    }
}
