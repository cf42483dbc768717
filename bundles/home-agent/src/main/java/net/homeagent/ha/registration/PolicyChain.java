package net.homeagent.ha.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.codec.ext.Extension;

/**
 * The policy stage of one registration: asks its {@link PolicyStep}s in order; the first refusal or
 * discard is the answer, otherwise a pass carrying every step's reply extensions. Steps that answer
 * at once are run on the calling thread with no future of their own; the first one that answers
 * later makes the whole stage wait, bounded by one deadline for the registration, and the rest of
 * the steps run on the thread that completes it. Nothing here ever blocks.
 */
final class PolicyChain {

    /** The verdict of no steps at all, or of steps that all passed with nothing to add. */
    static final CompletableFuture<RegistrationVerdict> PASSED = CompletableFuture.completedFuture(
            RegistrationVerdict.pass());

    private final Timeouts timeouts;
    private final Duration timeout;

    PolicyChain(Timeouts timeouts, Duration timeout) {
        this.timeouts = timeouts;
        this.timeout = timeout;
    }

    /**
     * @return the verdict; complete unless a step answers later. It completes exceptionally when a
     *         step failed, answered null, or the deadline passed ({@link PolicyTimeoutException})
     */
    CompletableFuture<RegistrationVerdict> run(List<PolicyStep> steps) {
        if (steps.isEmpty()) {
            return PASSED;
        }
        return new Walk(steps).start();
    }

    /** One walk over the steps; its fields pass from thread to thread through the futures' completion. */
    private final class Walk {
        private final List<PolicyStep> steps;
        private List<Extension> extensions = List.of();
        private int next;
        /** Created when a step first answers later. */
        private CompletableFuture<RegistrationVerdict> result;
        private volatile String waitingOn;

        Walk(List<PolicyStep> steps) {
            this.steps = steps;
        }

        CompletableFuture<RegistrationVerdict> start() {
            RegistrationVerdict verdict = advance();
            return verdict != null ? CompletableFuture.completedFuture(verdict) : result;
        }

        /** Runs the steps that answer at once: the verdict when done, null while a step is awaited. */
        private RegistrationVerdict advance() {
            while (next < steps.size()) {
                PolicyStep step = steps.get(next++);
                CompletionStage<RegistrationVerdict> stage = step.ask().get();
                if (stage == RegistrationVerdict.PASSED) {
                    continue; // the common answer needs no future of its own
                }
                CompletableFuture<RegistrationVerdict> answer = checked(step, stage).toCompletableFuture();
                if (!answer.isDone()) {
                    await(step, answer);
                    return null;
                }
                RegistrationVerdict verdict = checked(step, answer.join());
                if (!(verdict instanceof RegistrationVerdict.Pass pass)) {
                    return verdict;
                }
                collect(pass);
            }
            return RegistrationVerdict.pass(extensions);
        }

        private void await(PolicyStep step, CompletableFuture<RegistrationVerdict> answer) {
            waitingOn = step.name();
            if (result == null) {
                result = new CompletableFuture<>();
                Runnable cancel = timeouts.after(timeout,
                        () -> result.completeExceptionally(new PolicyTimeoutException(waitingOn, timeout)));
                result.whenComplete((verdict, failure) -> cancel.run());
            }
            answer.whenComplete((verdict, failure) -> {
                if (result.isDone()) {
                    return; // past the deadline: the request was answered already
                }
                try {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else if (!(checked(step, verdict) instanceof RegistrationVerdict.Pass pass)) {
                        result.complete(verdict);
                    } else {
                        collect(pass);
                        RegistrationVerdict done = advance();
                        if (done != null) {
                            result.complete(done);
                        }
                    }
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        }

        private void collect(RegistrationVerdict.Pass pass) {
            if (pass.replyExtensions().isEmpty()) {
                return;
            }
            List<Extension> more = new ArrayList<>(extensions);
            more.addAll(pass.replyExtensions());
            extensions = more;
        }
    }

    private static <T> T checked(PolicyStep step, T verdict) {
        return Objects.requireNonNull(verdict, () -> step.name() + " answered no verdict");
    }
}
