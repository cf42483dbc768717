package net.homeagent.ha.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import net.homeagent.ha.HomeAgentConfig;
import net.homeagent.ha.HomeAgentSettings;
import net.homeagent.ha.registration.RegistrationRecorder;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.UdpTunnelReceiver;
import net.homeagent.mip.codec.CodecProvider;
import net.homeagent.mip.codec.netty.MipDatagramDecoder;
import net.homeagent.mip.codec.netty.MipDatagramEncoder;

/**
 * The home agent's UDP side: on the registration port of every listen address, one socket per
 * event loop (epoll, SO_REUSEPORT) or one socket (NIO), each with the pipeline
 * {@code MipDatagramDecoder -> RegistrationHandler -> MipDatagramEncoder}, in front of the
 * {@link RegistrationService}. With epoll a socket reads up to {@code receiveBatch} datagrams per
 * recvmmsg and sends the batch's replies with one sendmmsg. A port that cannot be bound is
 * logged and the other sockets keep serving.
 */
@Component(immediate = true, configurationPid = HomeAgentConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HomeAgentConfig.class)
public final class HomeAgentServer {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAgentServer.class);
    private static final String CFG = "etc/" + HomeAgentConfig.PID + ".cfg";

    private final UdpTransport transport;
    private final List<Channel> channels = new ArrayList<>();
    /** The data plane's RFC 3519 Tunnel Data receiver; dynamic, so the sockets stay open when it comes and goes. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile UdpTunnelReceiver udpTunnelReceiver;

    /** Message and extension types other bundles add; read per datagram, so they come and go with open sockets. */
    private final ContributedCodecs codecs = new ContributedCodecs();

    @Activate
    public HomeAgentServer(@Reference(name = "registrations") RegistrationService registrations,
            @Reference(name = "recorder") RegistrationRecorder recorder, HomeAgentConfig config) {
        this(registrations, recorder, HomeAgentSettings.from(config), Clock.systemUTC());
    }

    HomeAgentServer(RegistrationService registrations, RegistrationRecorder recorder, HomeAgentSettings settings,
            Clock clock) {
        RegistrationHandler handler = new RegistrationHandler(registrations, recorder, clock);
        TunnelDataHandler tunnelData = new TunnelDataHandler(() -> udpTunnelReceiver);
        MipDatagramDecoder decoder = new MipDatagramDecoder(codecs);
        MipDatagramEncoder encoder = new MipDatagramEncoder(codecs);
        List<Inet4Address> addresses = listenAddresses(settings);
        this.transport = UdpTransport.create(settings.eventLoops(), new DefaultThreadFactory("ha-udp", true));
        Bootstrap bootstrap = new Bootstrap().group(transport.group()).channel(transport.channelClass())
                // a burst of requests must wait in the kernel, not be dropped there: with the
                // Linux default (~208 KiB) a 20,000/s load lost 3 % of its requests
                // (docs/PERFORMANCE.md, UdpRcvbufErrors)
                .option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        // the encoder sits before the handler so that the handler's replies pass it.
                        // Replies that waited for the backup's fsync come back one task each and
                        // flush outside a read: consolidated, those of one group commit leave in
                        // one sendmmsg instead of one sendto each (per channel: it keeps state).
                        channel.pipeline().addLast(decoder, encoder, new FlushConsolidationHandler(
                                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true), tunnelData, handler);
                    }
                });
        transport.readInBatches(bootstrap, settings.receiveBatch());
        int sockets = transport.socketsPerAddress(settings.eventLoops());
        for (Inet4Address address : addresses) {
            InetSocketAddress socketAddress = new InetSocketAddress(address, settings.port());
            if (sockets == 1) {
                bind(bootstrap, socketAddress, settings.receiveBufferBytes());
            } else {
                bindSharing(bootstrap, socketAddress, sockets, settings.receiveBufferBytes());
            }
        }
        LOG.info("home agent listening for Registration Requests on {} ({} transport, {} event loop(s), {} socket(s)"
                + " per address, up to {} datagrams per read)", boundAddresses(), transport.name(),
                settings.eventLoops(), sockets, transport.epoll() ? settings.receiveBatch() : 1);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCodecProvider(CodecProvider provider) {
        codecs.add(provider);
    }

    void removeCodecProvider(CodecProvider provider) {
        codecs.remove(provider);
    }

    private static List<Inet4Address> listenAddresses(HomeAgentSettings settings) {
        try {
            return ListenAddresses.expand(settings.listenAddresses());
        } catch (SocketException e) {
            LOG.error("cannot list this host's addresses to expand 0.0.0.0 ({}); change `listenAddresses` in {}",
                    e.getMessage(), CFG);
            return settings.listenAddresses().stream().filter(a -> !a.isAnyLocalAddress()).toList();
        }
    }

    /**
     * Opens {@code sockets} sockets on one address and port with SO_REUSEPORT; the event loop group
     * hands each to the next loop, so each loop serves one of them. RFC 5944 §3.8.3.1 still holds:
     * every one is bound to the address itself, so a reply leaves from the address its request was
     * sent to. A port already taken by anyone (with SO_REUSEPORT or not) is first seen by a plain
     * socket, so that a second home agent on this host fails to bind as without sharing, instead
     * of silently taking half of the requests.
     */
    private void bindSharing(Bootstrap bootstrap, InetSocketAddress address, int sockets, int receiveBufferBytes) {
        InetSocketAddress free;
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open(
                StandardProtocolFamily.INET)) {
            probe.bind(address);
            free = (InetSocketAddress) probe.getLocalAddress(); // the real port when port 0 is configured
        } catch (IOException e) {
            cannotListen(address, e);
            return;
        }
        Bootstrap sharing = transport.sharingThePort(bootstrap);
        for (int i = 0; i < sockets; i++) {
            bind(sharing, free, receiveBufferBytes);
        }
    }

    private void bind(Bootstrap bootstrap, InetSocketAddress address, int receiveBufferBytes) {
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (bound.isSuccess()) {
            channels.add(bound.channel());
            int granted = ((DatagramChannel) bound.channel()).config().getReceiveBufferSize();
            // Linux reports twice what it granted (its bookkeeping share); a capped buffer is still smaller
            if (granted < receiveBufferBytes) {
                LOG.warn("UDP {}:{} got a receive buffer of {} bytes, not the {} of `receiveBufferBytes`: the kernel"
                        + " caps it at net.core.rmem_max (sysctl -w net.core.rmem_max={})",
                        address.getAddress().getHostAddress(), address.getPort(), granted,
                        receiveBufferBytes, receiveBufferBytes);
            }
        } else {
            cannotListen(address, bound.cause());
        }
    }

    private static void cannotListen(InetSocketAddress address, Throwable cause) {
        LOG.error("cannot listen on UDP {}:{}: {}; change `port` or `listenAddresses` in {}",
                address.getAddress().getHostAddress(), address.getPort(), cause.getMessage(), CFG);
    }

    /** The local addresses actually bound (with the real port when port 0 was configured). */
    public List<InetSocketAddress> boundAddresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).distinct().toList();
    }

    /** How many sockets serve the bound addresses (several per address when they share the port). */
    int socketCount() {
        return channels.size();
    }

    @Deactivate
    void stop() {
        channels.forEach(c -> c.close().awaitUninterruptibly());
        transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        LOG.info("home agent stopped listening");
    }
}
