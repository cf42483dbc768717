package net.homeagent.peer.link;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import net.homeagent.peer.GroupDelivery;

/** The per-member stages of one sendToGroup and the stage of all of them. */
final class MemberDeliveries implements GroupDelivery {

    private final Map<Integer, CompletionStage<Void>> byMember;
    private final CompletableFuture<Void> all = new CompletableFuture<>();

    MemberDeliveries(Map<Integer, CompletableFuture<Void>> stages) {
        Map<Integer, CompletionStage<Void>> copy = new LinkedHashMap<>(stages);
        this.byMember = Collections.unmodifiableMap(copy);
        AtomicInteger outstanding = new AtomicInteger(stages.size());
        if (stages.isEmpty()) {
            all.complete(null);
        }
        stages.values().forEach(stage -> stage.whenComplete((done, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
            } else if (outstanding.decrementAndGet() == 0) {
                all.complete(null);
            }
        }));
    }

    @Override
    public Map<Integer, CompletionStage<Void>> byMember() {
        return byMember;
    }

    @Override
    public CompletionStage<Void> all() {
        return all;
    }
}
