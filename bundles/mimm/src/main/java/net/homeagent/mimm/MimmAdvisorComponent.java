package net.homeagent.mimm;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mimm.network.ForwardedTraffic;
import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mimm.network.RealTimeSessionSource;
import net.homeagent.mimm.network.StaticSessionSource;
import net.homeagent.mimm.network.kamailio.KamailioSessionSource;
import net.homeagent.mimm.network.kamailio.KamailioSettings;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.api.VendorExtensionHandler;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * The MIMM handoff advisor as OSGi services (PID {@value MimmConfig#PID}): the
 * {@link VendorExtensionHandler} of the Request Handoff, the {@link BindingListener} that keeps the
 * networks' load, and the {@link AdvisorView} of the shell commands. A configuration change
 * re-creates it: the network file is read, and the load counted from the table once, at activation.
 * The data plane is optional and may come and go: while there is none, forwarded traffic is unknown.
 */
@Component(service = {VendorExtensionHandler.class, BindingListener.class, AdvisorView.class},
        configurationPid = MimmConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MimmConfig.class)
public final class MimmAdvisorComponent implements VendorExtensionHandler, BindingListener, AdvisorView {

    private static final Logger LOG = LoggerFactory.getLogger(MimmAdvisorComponent.class);

    private final NetworkLoad load;
    private final RealTimeSessionSource sessions;
    private final HandoffAdvisor advisor;
    private final TrafficSampler trafficSampler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DataPlane dataPlane;

    @Activate
    public MimmAdvisorComponent(@Reference BindingStore store, MimmConfig config) throws IOException {
        Path file = Path.of(config.networksFile().replace("${karaf.etc}", System.getProperty("karaf.etc", "etc")));
        NetworkPlan plan = NetworkPlan.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        // only the kamailio source maps a SIP contact (a home address) to the network it is in
        this.load = new NetworkLoad(plan, "kamailio".equals(config.sessionSource().trim()));
        // the one walk of the table; from here on the binding events keep the counts
        store.forEachBinding(load::count);
        this.sessions = sessionSource(config, plan, load);
        ForwardedTraffic traffic = new ForwardedTraffic(plan);
        this.trafficSampler = config.trafficSampleSeconds() > 0
                ? new TrafficSampler(traffic, () -> dataPlane, Duration.ofSeconds(config.trafficSampleSeconds()))
                : null;
        HandoffDecision decision = new HandoffDecision(plan, load, sessions, traffic, new HandoffDecision.HoldTimes(
                config.goHoldSeconds(), config.notNowHoldSeconds(), config.noHoldSeconds()), config.maxAlternatives());
        this.advisor = new HandoffAdvisor(plan, load, sessions, traffic, decision,
                new AdviceMemory(config.adviceMemory()), Clock.systemUTC());
        LOG.info("MIMM handoff advisor up: {} networks from {}, real-time sessions: {}", plan.networks().size(),
                file, sessions.describe());
    }

    /** The source {@code sessionSource} names; a kamailio source is started here and closed at deactivation. */
    private static RealTimeSessionSource sessionSource(MimmConfig config, NetworkPlan plan, NetworkLoad load) {
        switch (config.sessionSource().trim()) {
            case "static":
                return StaticSessionSource.parse(Arrays.stream(config.staticSessions())
                        .flatMap(entry -> Arrays.stream(entry.split(",")))
                        .map(String::trim)
                        .filter(entry -> !entry.isEmpty())
                        .toList());
            case "kamailio":
                KamailioSessionSource kamailio = KamailioSessionSource.create(new KamailioSettings(
                        URI.create(config.kamailioUrl().trim()), Duration.ofSeconds(config.kamailioRefreshSeconds()),
                        Duration.ofMillis(config.kamailioTimeoutMillis()),
                        Duration.ofSeconds(config.kamailioStaleSeconds()), config.sessionKbps()),
                        plan, load, Clock.systemUTC());
                kamailio.start();
                return kamailio;
            default:
                throw new IllegalArgumentException("sessionSource is static or kamailio, not '" + config.sessionSource()
                        + "'");
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        if (trafficSampler != null) {
            trafficSampler.close();
        }
        if (sessions instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public Set<VendorExtensionType> interprets() {
        return advisor.interprets();
    }

    @Override
    public CompletionStage<RegistrationVerdict> handle(InboundRegistration registration, Binding proposed,
            VendorSpecificExtension extension, boolean fromForeignAgent) {
        return advisor.handle(registration, proposed, extension, fromForeignAgent);
    }

    @Override
    public void bindingChanged(BindingEvent event) {
        load.bindingChanged(event);
    }

    @Override
    public List<NetworkStatus> networks() {
        return advisor.networks();
    }

    @Override
    public Optional<GivenAdvice> lastAdvice(Inet4Address homeAddress) {
        return advisor.lastAdvice(homeAddress);
    }

    @Override
    public MimmStatistics statistics() {
        return advisor.statistics();
    }

    @Override
    public String sessionSource() {
        return advisor.sessionSource();
    }

    @Override
    public boolean sessionsKnown() {
        return advisor.sessionsKnown();
    }
}
