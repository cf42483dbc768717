package net.homeagent.ha.registration;

import java.net.Inet4Address;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import net.homeagent.mip.api.ReplyBarrier;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * What an accepted registration's reply waits for: the store's durability stage and the stage of
 * every {@link ReplyBarrier} service (a redundancy group's acknowledgements). A barrier that throws
 * is logged and not waited for: the reply must not be lost to a role's bug.
 */
final class ReplyBarriers {

    private final Supplier<List<ReplyBarrier>> barriers;
    private final RateLimitedLog faults;

    ReplyBarriers(Supplier<List<ReplyBarrier>> barriers, RateLimitedLog faults) {
        this.barriers = barriers;
        this.faults = faults;
    }

    /** {@code durable}, or a stage completing once it and every barrier's stage for {@code home} completed. */
    CompletionStage<Void> after(CompletionStage<Void> durable, Inet4Address home) {
        List<ReplyBarrier> current = barriers.get();
        if (current.isEmpty()) {
            return durable;
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[current.size() + 1];
        all[0] = durable.toCompletableFuture();
        for (int i = 0; i < current.size(); i++) {
            all[i + 1] = barrier(current.get(i), home);
        }
        return CompletableFuture.allOf(all);
    }

    private CompletableFuture<Void> barrier(ReplyBarrier barrier, Inet4Address home) {
        try {
            return barrier.beforeReply(home).toCompletableFuture();
        } catch (RuntimeException e) {
            faults.log("reply-barrier", () -> "reply barrier " + barrier.getClass().getName() + " failed for "
                    + home.getHostAddress() + "; the reply does not wait for it: " + e, e);
            return CompletableFuture.completedFuture(null);
        }
    }
}
