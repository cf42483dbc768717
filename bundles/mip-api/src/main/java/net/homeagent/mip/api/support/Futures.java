package net.homeagent.mip.api.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Stages shared by every bundle that answers "when is it done?" with "now". */
public final class Futures {

    /**
     * Already complete, for a store without a durable copy or a reply that waits for nothing. A
     * completed future rather than {@code completedStage()}: the home agent asks every reply's stage
     * {@code toCompletableFuture()} to see whether it may send at once, which a minimal stage answers
     * with a new future each time; this one is returned as it is, and being complete it cannot be
     * completed again (nobody calls {@code obtrudeValue} on a stage it was handed).
     */
    public static final CompletionStage<Void> NOTHING_TO_WAIT_FOR = CompletableFuture.completedFuture(null);

    private Futures() {
    }
}
