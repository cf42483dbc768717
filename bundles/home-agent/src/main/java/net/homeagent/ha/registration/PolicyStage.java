package net.homeagent.ha.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationPolicy;
import net.homeagent.mip.api.VendorExtensionHandler;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.codec.ext.Extension;

/**
 * What other bundles add to the registration decision: the {@link VendorExtensionHandler} and
 * {@link RegistrationPolicy} services, asked in that order just before a binding is written, and
 * the check that every critical vendor extension has a handler. A deregistration is put to the
 * policies only: a policy may have to stop it (a redundancy group member that is not active must
 * not answer it), while the vendor extensions handlers interpret are questions about a new
 * attachment (the MIMM advisor's Request Handoff), which a deregistration does not ask.
 */
public final class PolicyStage {

    private final Supplier<List<RegistrationPolicy>> policies;
    private final VendorExtensions vendors;
    private final PolicyChain chain;

    /**
     * @param policies ranked, highest first; read for every registration, so that services bound
     *                 and unbound meanwhile count at once
     * @param handlers ranked likewise
     * @param timeout  the deadline of the whole stage for one registration ({@code policyTimeout})
     */
    public PolicyStage(Supplier<List<RegistrationPolicy>> policies, Supplier<List<VendorExtensionHandler>> handlers,
            Timeouts timeouts, Duration timeout) {
        this.policies = policies;
        this.vendors = new VendorExtensions(handlers);
        this.chain = new PolicyChain(timeouts, timeout);
    }

    /** No policy and no vendor extension handler: nothing ever waits, every CVSE is refused. */
    public static PolicyStage none() {
        return new PolicyStage(List::of, List::of, (delay, action) -> () -> { }, Duration.ZERO);
    }

    /** RFC 3115 §4.2: 140 or 141 for a critical vendor extension no handler interprets. */
    Optional<RefusalReason> uninterpretedCriticalExtension(List<Extension> extensions, int mobileHomeIndex) {
        return vendors.check(extensions, mobileHomeIndex);
    }

    /** @return the verdict of every handler and policy; complete unless one answers later (see {@link PolicyChain#run}) */
    CompletableFuture<RegistrationVerdict> decide(InboundRegistration registration, Binding proposed,
            int mobileHomeIndex) {
        return run(registration, proposed, vendors.steps(registration, proposed, mobileHomeIndex));
    }

    /**
     * @param proposed the deregistration as a binding of lifetime 0: its home address (0.0.0.0 when
     *                 a dynamic one is not known) and the care-of address it names
     * @return the verdict of every policy, as {@link #decide}
     */
    CompletableFuture<RegistrationVerdict> decideDeregistration(InboundRegistration registration, Binding proposed) {
        return run(registration, proposed, List.of());
    }

    private CompletableFuture<RegistrationVerdict> run(InboundRegistration registration, Binding proposed,
            List<PolicyStep> vendorSteps) {
        List<RegistrationPolicy> ranked = policies.get();
        if (ranked.isEmpty() && vendorSteps.isEmpty()) {
            return PolicyChain.PASSED;
        }
        List<PolicyStep> steps = new ArrayList<>(vendorSteps.size() + ranked.size());
        steps.addAll(vendorSteps);
        for (RegistrationPolicy policy : ranked) {
            steps.add(new PolicyStep(policy.getClass().getName(), () -> policy.decide(registration, proposed)));
        }
        return chain.run(steps);
    }
}
