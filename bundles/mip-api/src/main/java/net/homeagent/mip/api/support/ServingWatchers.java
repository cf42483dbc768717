package net.homeagent.mip.api.support;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The watchers of a {@link net.homeagent.mip.api.ServingAuthority}, for the role that implements one:
 * it adds and removes them and tells them each change. A watcher that throws is reported to the
 * failure sink and the others are still told.
 */
public final class ServingWatchers {

    private final List<Consumer<Boolean>> watchers = new CopyOnWriteArrayList<>();
    private final BiConsumer<String, Throwable> failures;

    /** @param failures where a watcher's failure goes, e.g. {@code logger::warn} */
    public ServingWatchers(BiConsumer<String, Throwable> failures) {
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    public void add(Consumer<Boolean> watcher) {
        watchers.add(watcher);
    }

    public void remove(Consumer<Boolean> watcher) {
        watchers.remove(watcher);
    }

    /** Tells every watcher that the node serves ({@code true}) or stands by ({@code false}) now. */
    public void tell(boolean serving) {
        for (Consumer<Boolean> watcher : watchers) {
            try {
                watcher.accept(serving);
            } catch (RuntimeException e) {
                failures.accept("a watcher of the serving state failed on " + (serving ? "serving" : "standing by"), e);
            }
        }
    }
}
