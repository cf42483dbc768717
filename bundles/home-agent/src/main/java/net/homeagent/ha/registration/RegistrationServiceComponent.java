package net.homeagent.ha.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.CollectionType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import net.homeagent.ha.HomeAgentConfig;
import net.homeagent.ha.HomeAgentSettings;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ForeignAgentAssociations;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.api.RegistrationPolicy;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.ReplyBarrier;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.api.VendorExtensionHandler;

/**
 * Publishes the {@link RegistrationProcessor} as the {@link RegistrationService} OSGi service, so
 * that the UDP transport of this bundle and, later, a control node that hands registrations to
 * home agents both reach the same decision logic. Registration policies and vendor extension
 * handlers of other bundles plug in here, ordered by service ranking.
 */
@Component(service = RegistrationService.class, configurationPid = HomeAgentConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class RegistrationServiceComponent implements RegistrationService {

    /** RegistrationPolicy services with their properties, replaced whole by DS on every change. */
    @Reference(service = RegistrationPolicy.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            collectionType = CollectionType.TUPLE)
    private volatile List<Map.Entry<Map<String, Object>, RegistrationPolicy>> policies = List.of();

    /** VendorExtensionHandler services with their properties, replaced whole by DS on every change. */
    @Reference(service = VendorExtensionHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            collectionType = CollectionType.TUPLE)
    private volatile List<Map.Entry<Map<String, Object>, VendorExtensionHandler>> vendorHandlers = List.of();

    /** ReplyBarrier services (a redundancy group's acknowledgements), replaced whole by DS on every change. */
    @Reference(service = ReplyBarrier.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ReplyBarrier> replyBarriers = List.of();

    private final ScheduledTimeouts deadlines = new ScheduledTimeouts();
    private final RegistrationProcessor processor;

    @Activate
    public RegistrationServiceComponent(@Reference(name = "bindings") BindingStore bindings,
            @Reference(name = "associations") SecurityAssociations associations,
            @Reference(name = "foreignAgents") ForeignAgentAssociations foreignAgents,
            @Reference(name = "recorder") RegistrationRecorder recorder, HomeAgentConfig config) {
        HomeAgentSettings settings = HomeAgentSettings.from(config);
        PolicyStage policyStage = new PolicyStage(new RankedServices<>(() -> policies),
                new RankedServices<>(() -> vendorHandlers), deadlines, settings.policyTimeout());
        this.processor = new RegistrationProcessor(bindings, associations, foreignAgents, settings, Clock.systemUTC(),
                policyStage, recorder, new InMemoryReplayState(new SecureRandom()), () -> replyBarriers);
    }

    @Override
    public CompletionStage<RegistrationDecision> process(InboundRegistration registration) {
        return processor.process(registration);
    }

    @Deactivate
    void stop() {
        // a decision still waiting is answered by its policy or never: its request is retransmitted
        deadlines.close();
    }
}
