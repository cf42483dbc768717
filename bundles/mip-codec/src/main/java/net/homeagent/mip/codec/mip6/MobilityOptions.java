package net.homeagent.mip.codec.mip6;

import java.util.List;
import java.util.Optional;

/** Helpers over an option list, shared by the message records. */
final class MobilityOptions {

    private MobilityOptions() {
    }

    static <O extends MobilityOption> Optional<O> first(List<MobilityOption> options, Class<O> kind) {
        for (MobilityOption option : options) {
            if (kind.isInstance(option)) {
                return Optional.of(kind.cast(option));
            }
        }
        return Optional.empty();
    }

    /** An immutable copy; a Binding Authorization Data option must be the last option (RFC 6275 §6.2.7). */
    static List<MobilityOption> copy(List<MobilityOption> options) {
        List<MobilityOption> copy = List.copyOf(options);
        for (int i = 0; i < copy.size() - 1; i++) {
            if (copy.get(i) instanceof BindingAuthorizationData) {
                throw new IllegalArgumentException("Binding Authorization Data must be the last mobility option"
                        + " (RFC 6275 §6.2.7)");
            }
        }
        return copy;
    }
}
