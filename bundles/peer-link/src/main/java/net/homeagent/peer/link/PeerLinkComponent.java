package net.homeagent.peer.link;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerLinkStatus;
import net.homeagent.peer.PeerNode;

/**
 * Starts the peer link of PID {@value PeerLinkConfig#PID} when it is enabled and has keys, and
 * only then registers the {@link PeerLink} service: a role that needs the link (group sync, the
 * control node) stays inactive on a node without one, rather than run on a link that cannot send.
 * That is why the service is registered here by hand and not by this component's own
 * declaration. There is no unauthenticated mode: without a key in etc/peer-keys.conf the link
 * refuses to start and says so in the log and in {@code peer:status}.
 *
 * <p>A configuration change restarts the link (a new epoch: the peers see a restarted node).
 */
@Component(service = PeerLinkComponent.class, immediate = true, configurationPid = PeerLinkConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PeerLinkConfig.class)
public final class PeerLinkComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLinkComponent.class);

    private final String state;
    private final Optional<PeerLinkEngine> engine;
    private final Optional<PeerKeysFile> keys;
    private final Optional<ScheduledExecutorService> keysWatch;
    private final Optional<ServiceRegistration<PeerLink>> registration;

    @Activate
    public PeerLinkComponent(PeerLinkConfig config, BundleContext context) {
        if (!config.enabled()) {
            LOG.info("peer link off (enabled=false in etc/{}.cfg): nothing listens", PeerLinkConfig.PID);
            state = "off: enabled=false in etc/" + PeerLinkConfig.PID + ".cfg";
            engine = Optional.empty();
            keys = Optional.empty();
            keysWatch = Optional.empty();
            registration = Optional.empty();
            return;
        }
        PeerKeysFile file = new PeerKeysFile(PeerKeysFile.resolve(config.keysFile()));
        keys = Optional.of(file);
        PeerLinkEngine started = null;
        String problem;
        if (file.get().isEmpty()) {
            problem = "no key in " + file.file() + " (the link sends nothing unauthenticated): "
                    + String.join("; ", file.problems());
        } else {
            try {
                started = new PeerLinkEngine(LinkSettings.from(config), file, Clock.systemUTC().millis(),
                        EventLoopTimer::new);
                problem = null;
            } catch (RuntimeException e) {
                problem = "cannot start: " + e.getMessage();
            }
        }
        engine = Optional.ofNullable(started);
        if (started == null) {
            LOG.error("peer link NOT started: {}", problem);
            state = "NOT started: " + problem;
            keysWatch = Optional.empty();
            registration = Optional.empty();
            return;
        }
        state = "running";
        keysWatch = Optional.of(watch(file));
        registration = Optional.of(context.registerService(PeerLink.class, started, null));
    }

    private static ScheduledExecutorService watch(PeerKeysFile file) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "peer-link-keys-watch");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                file.reloadIfChanged();
            } catch (RuntimeException e) {
                // an exception would cancel the periodic task: keep watching
                LOG.error("checking {} for changes failed", file.file(), e);
            }
        }, PeerKeysFile.POLL_SECONDS, PeerKeysFile.POLL_SECONDS, TimeUnit.SECONDS);
        return executor;
    }

    @Deactivate
    void stop() {
        registration.ifPresent(ServiceRegistration::unregister);
        keysWatch.ifPresent(ScheduledExecutorService::shutdownNow);
        engine.ifPresent(PeerLinkEngine::close);
    }

    /** "running", or why not (off, no key, bad configuration). */
    public String state() {
        return state;
    }

    /** The running link's counters and configuration. */
    public Optional<PeerLinkStatus> status() {
        return engine.map(PeerLinkEngine::status);
    }

    /** The known peers with their unacknowledged message counts, when the link runs. */
    public Optional<CompletionStage<Map<PeerNode, Integer>>> peers() {
        return engine.map(PeerLinkEngine::unacknowledgedByPeer);
    }

    /** The key file's path, its key count and send key id, and the problems of its last load: never a key. */
    public Optional<String> keysSummary() {
        return keys.map(file -> file.file() + ": " + file.get()
                + (file.problems().isEmpty() ? "" : "; problems: " + String.join("; ", file.problems())));
    }
}
