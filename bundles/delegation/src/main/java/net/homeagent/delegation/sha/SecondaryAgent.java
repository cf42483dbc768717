package net.homeagent.delegation.sha;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.delegation.Tally;
import net.homeagent.delegation.wire.DelegationCodec;
import net.homeagent.delegation.wire.DelegationMessage;
import net.homeagent.delegation.wire.DelegationMessage.Batch;
import net.homeagent.delegation.wire.DelegationMessage.EntryPackets;
import net.homeagent.delegation.wire.DelegationMessage.Heartbeat;
import net.homeagent.delegation.wire.DelegationMessage.LoadReport;
import net.homeagent.delegation.wire.DelegationMessage.StartAck;
import net.homeagent.delegation.wire.DelegationMessage.StartForwarding;
import net.homeagent.delegation.wire.DelegationMessage.StopAck;
import net.homeagent.delegation.wire.DelegationMessage.StopForwarding;
import net.homeagent.delegation.wire.MalformedDelegationMessage;
import net.homeagent.delegation.wire.Result;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;

/**
 * A secondary home agent: keeps the table of home addresses its PHA delegated to it and makes its
 * data plane intercept each (proxy ARP and gratuitous ARP, {@link DataPlane#install}) and tunnel it
 * to the care-of address with the PHA's address as outer source, so that mobiles and foreign agents
 * see one home agent ("load balancing" design of ../shared/ARCHITECTURE.md).
 *
 * <p>Every Start and Stop is answered with the request's transaction id. A refusal (capacity, no
 * route, bad request, not the PHA, unknown home address) changes nothing and is counted (house rule
 * 5). An entry stops by itself when its duration runs out, without waiting for a Stop. When the
 * PHA's link restarts (a message in a newer epoch) the entries of its earlier life are dropped: a
 * restarted PHA restores its bindings and delegates them again, perhaps to another SHA.
 *
 * <p>Messages arrive on the link's I/O thread and are handed to {@code work} (one thread in the
 * appliance): data plane calls may do I/O. Every state change holds this object's lock.
 */
public final class SecondaryAgent {

    private static final Logger LOG = LoggerFactory.getLogger(SecondaryAgent.class);

    private final ShaSettings settings;
    private final DataPlane dataPlane;
    private final Clock clock;
    private final Executor work;
    private final Consumer<ApplianceEvent> events;
    private final PeerChannel channel;
    private final Tally<ShaCount> counts = new Tally<>(ShaCount.class);
    private final RateLimitedLog refusals;
    private final Map<Inet4Address, DelegatedEntry> entries = new HashMap<>();
    /** While a batch is handled: the answers of its elements, sent back together. */
    private List<DelegationMessage> batchAnswers;
    private long heartbeats;
    private long phaEpoch;
    /** After the PHA restarted: when the entries of its earlier life it did not tell again go. */
    private Optional<Instant> restartGraceEnds = Optional.empty();
    /** Each entry's packet counter at the last Load Report (absent: started since). */
    private final Map<Inet4Address, Long> reportedPackets = new HashMap<>();
    private final Instant started;
    private Instant nextReport;
    private long reports;
    private long totalPackets;

    public SecondaryAgent(ShaSettings settings, PeerLink link, DataPlane dataPlane, Clock clock, Executor work,
            Consumer<ApplianceEvent> events) {
        this.settings = settings;
        this.dataPlane = dataPlane;
        this.clock = clock;
        this.work = work;
        this.events = events;
        this.refusals = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::info);
        this.started = clock.instant();
        this.nextReport = started.plus(settings.loadReport());
        this.channel = link.open(DelegationCodec.SERVICE, message -> work.execute(() -> receive(message)));
        events.accept(ApplianceEvent.roleChanged(clock.instant(), "delegation-sha", "off", "secondary",
                "enabled, PHA " + settings.pha().nodeId()));
    }

    synchronized void receive(PeerMessage message) {
        DelegationMessage decoded;
        try {
            decoded = DelegationCodec.decode(message.payload());
        } catch (MalformedDelegationMessage e) {
            answerMalformed(message.sender(), e);
            return;
        }
        if (!(decoded instanceof Batch batch)) {
            handle(message, decoded);
            return;
        }
        // each element as if it came alone; their answers go back together, as one batch
        counts.increment(ShaCount.BATCHES_RECEIVED);
        batchAnswers = new ArrayList<>();
        try {
            for (byte[] element : batch.elements()) {
                try {
                    handle(message, DelegationCodec.decode(element));
                } catch (MalformedDelegationMessage e) {
                    answerMalformed(message.sender(), e);
                }
            }
        } finally {
            List<DelegationMessage> answers = batchAnswers;
            batchAnswers = null;
            if (answers.size() == 1) {
                send(message.sender(), answers.get(0));
            } else if (!answers.isEmpty()) {
                send(message.sender(), Batch.of(batch.transaction(), answers));
            }
        }
    }

    /** One Start, Stop, heartbeat (or a stray answer) from {@code message}'s sender: alone, or an element of its batch. */
    private void handle(PeerMessage message, DelegationMessage decoded) {
        if (message.sender().nodeId() != settings.pha().nodeId()) {
            refuse(message.sender(), decoded, Result.NOT_A_PHA, ShaCount.REFUSED_NOT_A_PHA,
                    "node " + message.sender().nodeId() + " is not the configured PHA");
            return;
        }
        phaEpochSeen(message.senderEpoch());
        if (decoded instanceof StartForwarding start) {
            start(message.sender(), start, message.senderEpoch());
        } else if (decoded instanceof StopForwarding stop) {
            stop(message.sender(), stop);
        } else if (decoded instanceof Heartbeat) {
            counts.increment(ShaCount.HEARTBEATS_RECEIVED);
        } else {
            counts.increment(ShaCount.DROPPED_MALFORMED);
            String kind = decoded.getClass().getSimpleName();
            refusals.log("answer", () -> "an answer (" + kind + ") sent to an SHA by node "
                    + message.sender().nodeId() + ": dropped");
        }
    }

    /**
     * A newer epoch of the PHA's link: it restarted. The entries of its earlier life keep forwarding
     * for {@code phaRestartGrace}: a PHA that kept a checkpoint tells them again when it hears this SHA
     * (no moment without forwarding); those it does not tell by then go.
     */
    private void phaEpochSeen(long epoch) {
        if (epoch <= phaEpoch) {
            return;
        }
        boolean restarted = phaEpoch != 0;
        phaEpoch = epoch;
        if (!restarted) {
            return;
        }
        long earlier = entries.values().stream().filter(e -> e.phaEpoch() < epoch).count();
        LOG.info("PHA {} restarted: {} entries of its earlier life kept for {} ms for it to tell them again",
                settings.pha().nodeId(), earlier, settings.phaRestartGrace().toMillis());
        restartGraceEnds = Optional.of(clock.instant().plus(settings.phaRestartGrace()));
        dropUntoldAfterRestart(clock.instant());
    }

    /** Once the grace after a PHA's restart ran out: the entries it did not tell again go. */
    private void dropUntoldAfterRestart(Instant now) {
        if (restartGraceEnds.isEmpty() || restartGraceEnds.get().isAfter(now)) {
            return;
        }
        restartGraceEnds = Optional.empty();
        List<DelegatedEntry> stale = entries.values().stream().filter(e -> e.phaEpoch() < phaEpoch).toList();
        stale.forEach(e -> {
            remove(e);
            counts.increment(ShaCount.DROPPED_PHA_RESTART);
        });
        if (!stale.isEmpty()) {
            LOG.info("PHA {} did not tell {} entries of its earlier life again: dropped", settings.pha().nodeId(),
                    stale.size());
        }
    }

    private void start(PeerNode pha, StartForwarding start, long epoch) {
        DelegatedEntry before = entries.get(start.home());
        if (before == null && settings.capacity() > 0 && entries.size() >= settings.capacity()) {
            refuse(pha, start, Result.CAPACITY, ShaCount.REFUSED_CAPACITY, "capacity " + settings.capacity() + " reached");
            return;
        }
        if (!dataPlane.status().forwarding()) {
            refuse(pha, start, Result.NO_ROUTE, ShaCount.REFUSED_NO_ROUTE,
                    "the data plane does not forward: " + dataPlane.status().detail());
            return;
        }
        TunnelSpec tunnel = new TunnelSpec(new BindingKey(start.home(), start.careOf()), start.tunnelSource(),
                start.encapsulation(), start.reverseTunnel(), start.udpPeer(), start.innerEncapsulation());
        Instant now = clock.instant();
        Optional<Instant> expires = start.durationSeconds() == StartForwarding.NEVER ? Optional.empty()
                : Optional.of(now.plusSeconds(start.durationSeconds()));
        try {
            if (before == null) {
                dataPlane.install(tunnel);
                counts.increment(ShaCount.STARTED);
            } else if (before.phaEpoch() < epoch && before.tunnel().key().equals(tunnel.key())) {
                // told again by a restarted PHA, which may have announced the home address itself
                // meanwhile: installing again announces it from here (gratuitous ARP, RFC 5944 §4.6)
                dataPlane.install(tunnel);
                counts.increment(ShaCount.RETOLD_AFTER_PHA_RESTART);
            } else if (!before.tunnel().equals(tunnel)) {
                if (before.tunnel().key().equals(tunnel.key())) {
                    dataPlane.install(tunnel);
                } else {
                    dataPlane.update(before.tunnel().key(), tunnel);
                }
                counts.increment(ShaCount.UPDATED);
            } else {
                counts.increment(ShaCount.RENEWED);
            }
        } catch (RuntimeException e) {
            counts.increment(ShaCount.DATA_PLANE_FAILURES);
            refuse(pha, start, Result.NO_ROUTE, ShaCount.REFUSED_NO_ROUTE, "the data plane failed: " + e);
            return;
        }
        entries.put(start.home(), new DelegatedEntry(tunnel, epoch, before == null ? now : before.since(), expires));
        answer(pha, new StartAck(start.transaction(), start.home(), Result.ACCEPTED));
    }

    private void stop(PeerNode pha, StopForwarding stop) {
        DelegatedEntry entry = entries.get(stop.home());
        if (entry == null) {
            refuse(pha, stop, Result.UNKNOWN_HOME, ShaCount.STOP_UNKNOWN_HOME,
                    "Stop for " + stop.home().getHostAddress() + ", which is not forwarded here");
            return;
        }
        remove(entry);
        counts.increment(ShaCount.STOPPED);
        answer(pha, new StopAck(stop.transaction(), stop.home(), Result.ACCEPTED));
    }

    private void remove(DelegatedEntry entry) {
        entries.remove(entry.tunnel().homeAddress());
        reportedPackets.remove(entry.tunnel().homeAddress());
        try {
            dataPlane.remove(entry.tunnel().key());
        } catch (RuntimeException e) {
            counts.increment(ShaCount.DATA_PLANE_FAILURES);
            LOG.warn("the data plane could not remove {}: {}", entry.tunnel().homeAddress().getHostAddress(), e.toString());
        }
    }

    /** A Start or Stop whose header was readable is answered bad-request; anything else is dropped. */
    private void answerMalformed(PeerNode from, MalformedDelegationMessage e) {
        int type = e.type().orElse(-1);
        if (e.transaction().isPresent() && (type == 1 || type == 3)) {
            long transaction = e.transaction().getAsLong();
            Inet4Address home = e.home().orElse(Ipv4.UNSPECIFIED);
            counts.increment(ShaCount.REFUSED_BAD_REQUEST);
            refusals.log("bad-request", () -> "bad request from node " + from.nodeId() + ": " + e.getMessage());
            answer(from, type == 1 ? new StartAck(transaction, home, Result.BAD_REQUEST)
                    : new StopAck(transaction, home, Result.BAD_REQUEST));
            return;
        }
        counts.increment(ShaCount.DROPPED_MALFORMED);
        refusals.log("malformed", () -> "malformed service 3 payload from node " + from.nodeId() + ": " + e.getMessage());
    }

    private void refuse(PeerNode from, DelegationMessage request, Result result, ShaCount count, String why) {
        counts.increment(count);
        refusals.log(result.text(), () -> "refused (" + result.text() + ") to node " + from.nodeId() + ": " + why);
        if (request instanceof StartForwarding start) {
            answer(from, new StartAck(start.transaction(), start.home(), result));
        } else if (request instanceof StopForwarding stop) {
            answer(from, new StopAck(stop.transaction(), stop.home(), result));
        }
    }

    /** Sends {@code answer}; while a batch is handled, keeps it for the batch of answers. */
    private void answer(PeerNode to, DelegationMessage answer) {
        if (batchAnswers != null) {
            batchAnswers.add(answer);
        } else {
            send(to, answer);
        }
    }

    private void send(PeerNode to, DelegationMessage answer) {
        channel.send(to.address(), DelegationCodec.encode(answer)).whenComplete((ok, failure) -> {
            if (failure != null) {
                counts.increment(ShaCount.SENDS_GIVEN_UP);
            }
        });
    }

    /** Every heartbeat interval: entries whose duration ran out go, and the PHA hears from us. */
    public synchronized void tick() {
        Instant now = clock.instant();
        dropUntoldAfterRestart(now);
        List<DelegatedEntry> due = entries.values().stream().filter(e -> e.expiredAt(now)).toList();
        due.forEach(e -> {
            remove(e);
            counts.increment(ShaCount.EXPIRED);
        });
        heartbeats = (heartbeats + 1) & 0xFFFF_FFFFL;
        counts.increment(ShaCount.HEARTBEATS_SENT);
        send(settings.pha(), new Heartbeat(heartbeats, entries.size(), settings.capacity()));
        if (!settings.loadReport().isZero() && !now.isBefore(nextReport)) {
            nextReport = now.plus(settings.loadReport());
            reportLoad(now);
        }
    }

    /**
     * A Load Report: the entries whose tunnels counted packets since the previous report (the most
     * new packets first, as many as a report holds) and those started since, each with its tunnel's
     * count; an entry whose data plane has no counters is not listed.
     */
    private void reportLoad(Instant now) {
        record Changed(EntryPackets entry, long fresh) {
        }
        List<Changed> changed = new ArrayList<>();
        for (DelegatedEntry entry : entries.values()) {
            Optional<TunnelCounters> counters = dataPlane.counters(entry.tunnel().key());
            if (counters.isEmpty()) {
                continue;
            }
            Inet4Address home = entry.tunnel().homeAddress();
            long packets = counters.get().packetsTunnelled();
            Long before = reportedPackets.put(home, packets);
            // a counter below the last report's: the tunnel was installed again (new care-of address)
            long fresh = before == null || packets < before ? packets : packets - before;
            totalPackets += fresh;
            if (before == null || fresh > 0) {
                changed.add(new Changed(new EntryPackets(home, packets), fresh));
            }
        }
        changed.sort(Comparator.comparingLong(Changed::fresh).reversed());
        boolean truncated = changed.size() > LoadReport.MAX_ENTRIES;
        List<EntryPackets> listed = changed.stream().limit(LoadReport.MAX_ENTRIES).map(Changed::entry).toList();
        reports = (reports + 1) & 0xFFFF_FFFFL;
        counts.increment(ShaCount.LOAD_REPORTS_SENT);
        send(settings.pha(), new LoadReport(reports, totalPackets, Duration.between(started, now).toMillis(),
                truncated, listed));
    }

    /** Runs {@link #tick} on the work thread, after what the link handed it. */
    public void tickLater() {
        work.execute(this::tick);
    }

    /** The entries, by home address, with their tunnel's counters when the data plane has them. */
    public synchronized List<EntryView> entries() {
        List<EntryView> views = new ArrayList<>();
        Instant now = clock.instant();
        for (DelegatedEntry entry : entries.values()) {
            Optional<TunnelCounters> counters = dataPlane.counters(entry.tunnel().key());
            views.add(new EntryView(entry, entry.expiresAt().map(at -> Math.max(0, Duration.between(now, at).toSeconds())),
                    counters));
        }
        views.sort(Comparator.comparing(v -> v.entry().tunnel(), TunnelSpec.BY_ADDRESSES));
        return views;
    }

    /**
     * Calls {@code reconcile} with the tunnels of every entry, holding this object's lock: no Start,
     * Stop or expiry changes the data plane meanwhile ({@link net.homeagent.mip.api.TunnelHolder}).
     */
    public synchronized void whileHeld(Consumer<Collection<TunnelSpec>> reconcile) {
        reconcile.accept(entries.values().stream().map(DelegatedEntry::tunnel).toList());
    }

    /** One entry as the shell shows it: seconds left (empty: never expires) and its traffic. */
    public record EntryView(DelegatedEntry entry, Optional<Long> secondsLeft, Optional<TunnelCounters> counters) {
    }

    public ShaSettings settings() {
        return settings;
    }

    public Tally<ShaCount> counts() {
        return counts;
    }

    /**
     * The role stops (bundle stopped or updated, appliance shutdown): its tunnels are removed, since
     * no one would remove them later; its heartbeats stop and the PHA takes its mobiles back.
     */
    public synchronized void close() {
        List.copyOf(entries.values()).forEach(this::remove);
        channel.close();
        events.accept(ApplianceEvent.roleChanged(clock.instant(), "delegation-sha", "secondary", "off", "stopped"));
    }
}
