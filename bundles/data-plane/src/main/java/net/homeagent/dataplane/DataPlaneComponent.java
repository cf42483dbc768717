package net.homeagent.dataplane;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.dataplane.userspace.ReverseOnlyOwner;
import net.homeagent.dataplane.userspace.UserSpaceDataPlane;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.ReverseTunnelAdmission;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.UdpTunnelReceiver;
import net.homeagent.mip.codec.TunnelData;

/**
 * The {@link DataPlane} service (PID {@value DataPlaneConfig#PID}): the configured implementation,
 * or, when it cannot run here, one that forwards nothing and says why. The control plane runs
 * either way. Also the home agent's {@link UdpTunnelReceiver} for RFC 3519 Tunnel Data. Its status
 * carries the binding driver's counters too, so that {@code mip:dataplane} shows the whole path.
 * The reverse tunnels of delegated home addresses, and those a role admits as mip-api's
 * {@link ReverseTunnelAdmission} (the HA control node's), go to the user-space forwarder in both
 * implementations, each set apart ({@link ReverseOnlyOwner}): its raw sockets see every tunnelled
 * datagram, and the kernel has no tunnel device for a home address it does not forward.
 */
@Component(service = {DataPlane.class, UdpTunnelReceiver.class, ReverseTunnelAdmission.class}, immediate = true,
        configurationPid = DataPlaneConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DataPlaneConfig.class)
public final class DataPlaneComponent implements DataPlane, UdpTunnelReceiver, TunnelDriverStatus.Board,
        ReverseOnlyTunnels, ReverseTunnelAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneComponent.class);

    private final HostDataPlanes host;
    private final DataPlane delegate;
    private final Optional<UdpTunnelReceiver> udp;
    private final Optional<UserSpaceDataPlane> decapsulating;
    /** The binding driver, once it has started: it needs this component first, so it comes after, and goes before. */
    private volatile TunnelDriverStatus driver;

    @Activate
    public DataPlaneComponent(DataPlaneConfig config) {
        this.host = new HostDataPlanes(config, Clock.systemUTC());
        this.delegate = choose(config, host);
        this.udp = host.udpReceiver();
        DataPlaneStatus status = delegate.status();
        this.decapsulating = status.forwarding() ? host.userSpace() : Optional.empty();
        if (status.forwarding()) {
            LOG.info("data plane {}: {}", status.implementation(), status.detail());
        } else if ("none".equals(config.implementation().trim())) {
            LOG.info("data plane: {}", status.detail());
        } else {
            LOG.warn("data plane: {}", status.detail());
        }
    }

    private static DataPlane choose(DataPlaneConfig config, HostDataPlanes host) {
        if ("none".equals(config.implementation().trim())) {
            return new DisabledDataPlane("implementation = none in " + HostDataPlanes.CFG
                    + " (registrations are served, no datagram is tunnelled)");
        }
        try {
            return host.open();
        } catch (HostDataPlanes.Unavailable e) {
            return new DisabledDataPlane(config.implementation() + " data plane unavailable: " + e.getMessage());
        } catch (RuntimeException e) {
            // e.g. a bad tunName or a missing ip command: the control plane still runs, and says why
            return new DisabledDataPlane(config.implementation() + " data plane could not start: " + e);
        }
    }

    @Override
    public void install(TunnelSpec tunnel) {
        delegate.install(tunnel);
    }

    @Override
    public void update(BindingKey previous, TunnelSpec tunnel) {
        delegate.update(previous, tunnel);
    }

    @Override
    public void remove(BindingKey key) {
        delegate.remove(key);
    }

    @Override
    public void reconcile(Collection<TunnelSpec> live) {
        delegate.reconcile(live);
    }

    @Override
    public void takeOver(Collection<TunnelSpec> live) {
        delegate.takeOver(live);
    }

    @Override
    public void standBy() {
        delegate.standBy();
    }

    @Override
    public Optional<TunnelCounters> counters(BindingKey key) {
        return delegate.counters(key);
    }

    @Override
    public List<TunnelSpec> tunnels() {
        return delegate.tunnels();
    }

    @Override
    public DataPlaneStatus status() {
        DataPlaneStatus status = delegate.status();
        TunnelDriverStatus driving = driver;
        if (driving == null) {
            return status;
        }
        List<String> facts = new ArrayList<>(status.facts());
        facts.addAll(driving.facts());
        return new DataPlaneStatus(status.implementation(), status.forwarding(), status.detail(), status.tunnels(),
                facts);
    }

    @Override
    public void show(TunnelDriverStatus started) {
        driver = started;
    }

    @Override
    public void withdraw(TunnelDriverStatus stopped) {
        if (driver == stopped) {
            driver = null;
        }
    }

    @Override
    public void admitReverseOnly(Inet4Address home, Collection<TunnelSpec> bindings) {
        decapsulating.ifPresent(plane -> plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, home, bindings));
    }

    @Override
    public void admitReverseOnly(Collection<TunnelSpec> bindings) {
        decapsulating.ifPresent(plane -> plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, bindings));
    }

    @Override
    public void admit(Inet4Address home, Collection<TunnelSpec> bindings) {
        for (TunnelSpec binding : bindings) {
            if (!binding.homeAddress().equals(home)) {
                throw new IllegalArgumentException("binding " + binding.key() + " admitted as one of "
                        + home.getHostAddress() + ", another home address");
            }
        }
        // without a forwarder (forwarding off, said by mip:dataplane) nothing is decapsulated here
        decapsulating.ifPresent(plane -> plane.admitReverseOnly(ReverseOnlyOwner.ADMITTED, home, bindings));
    }

    @Override
    public void admitOnly(Collection<TunnelSpec> bindings) {
        decapsulating.ifPresent(plane -> plane.admitReverseOnly(ReverseOnlyOwner.ADMITTED, bindings));
    }

    @Override
    public void tunnelData(TunnelData message, InetSocketAddress sender, InetSocketAddress recipient) {
        // without a forwarder nothing is decapsulated: the Tunnel Data is dropped, as forwarding is off
        udp.ifPresent(receiver -> receiver.tunnelData(message, sender, recipient));
    }

    @Deactivate
    void stop() {
        host.close();
        LOG.info("data plane stopped");
    }
}
