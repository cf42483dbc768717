package net.homeagent.store;

import java.time.Instant;

import net.homeagent.mip.api.Binding;

/**
 * When a binding never expires, one rule for the table, its rows and the expiry wheel: RFC 5944
 * §3.3's all-ones lifetime ({@link Binding#INFINITE_LIFETIME}), or an {@code expiresAt} at or after {@link #NEVER} ({@code Instant.MAX}
 * and the like). Kept apart so that the row layout does not reach back into the store.
 */
final class Lifetimes {

    /** An {@code expiresAt} at or after this never comes: it is past what epoch milliseconds can express. */
    static final Instant NEVER = Instant.ofEpochMilli(Long.MAX_VALUE);

    private Lifetimes() {
    }

    static boolean neverExpires(Binding binding) {
        return binding.grantedLifetime() == Binding.INFINITE_LIFETIME || !binding.expiresAt().isBefore(NEVER);
    }
}
