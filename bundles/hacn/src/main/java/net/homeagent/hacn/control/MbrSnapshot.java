package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import net.homeagent.hacn.wire.HacnMessage.ChangeReport;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * One HA's mobility binding records as the control node keeps them (the hot-standby design's MBR
 * snapshot): every home address's bindings, kept exact by the HA's change reports applied in the
 * order of their sequence numbers. The peer link does not order deliveries, so a report that
 * arrives before its predecessors waits for them; a gap that stays open longer than the gap
 * timeout (a report the link gave up on, reports lost with a restart) is closed by a full snapshot
 * of the HA, after which the reports newer than the snapshot's sequence apply again: those still
 * waiting, and those applied while it was on its way (the HA lists its table when the request
 * reaches it, so a report sent meanwhile can be newer than the listing and arrive before it). A snapshot
 * whose chunks stop coming (the request or chunks given up by the link) is asked again with a new transfer id, so that a late chunk of the one abandoned is not
 * mixed into the new one (docs/hacn.md, "MBR snapshots").
 * <p>
 * A redundant HA does not report the bindings the control node downloads to it; they are added
 * here when its activation is acknowledged ({@link #downloadActivated}), except for the home
 * addresses the HA reported meanwhile, whose reports are newer than the download.
 */
final class MbrSnapshot {

    private final Map<Inet4Address, List<Binding>> homes = new HashMap<>();
    private final TreeMap<Long, ChangeReport> ahead = new TreeMap<>();
    private final BiConsumer<Inet4Address, List<Binding>> holds;
    private long applied;
    private long announced;
    private Instant gapSince;
    private Download download;
    private int bindings;
    /** The home addresses reported since a download to this HA began; null when none is on its way. */
    private Set<Inet4Address> reportedWhileReceiving;
    /** Times the snapshot on its way was asked again since it was first asked for (one episode). */
    private int reasks;

    /**
     * A stalled snapshot waits twice as long before each further re-ask, up to this many times the
     * stall time: an HA that cannot deliver its table (a link that loses much, a table far larger
     * than the stall time allows) is not asked for the whole of it again and again every stall time.
     */
    static final int BACKOFF_LIMIT = 8;

    private static final class Download {
        final int transferId;
        final Map<Integer, SnapshotChunk> chunks = new HashMap<>();
        /**
         * The reports applied since it was asked for, in sequence order: the HA lists its table when
         * the request reaches it, so reports sent meanwhile may be newer than the listing and must
         * apply again on top of it.
         */
        final List<ChangeReport> appliedMeanwhile = new ArrayList<>();
        /** When it was asked for, or when its last new chunk came. */
        Instant progress;
        int count;

        Download(int transferId, Instant asked) {
            this.transferId = transferId;
            this.progress = asked;
        }
    }

    /** @param holds told, for each home address whose state changes here, its bindings now (none: forgotten) */
    MbrSnapshot(BiConsumer<Inet4Address, List<Binding>> holds) {
        this.holds = holds;
    }

    /** @return false for a stale or repeated report (its sequence was applied already) */
    boolean report(ChangeReport report, Instant now) {
        if (report.sequence() <= applied) {
            return false;
        }
        ahead.put(report.sequence(), report);
        drain(now);
        return true;
    }

    /** What a heartbeat or poll answer says of the HA's last report: reports still missing open a gap. */
    void announced(long lastSequence, Instant now) {
        announced = Math.max(announced, lastSequence);
        drain(now);
    }

    private void drain(Instant now) {
        while (!ahead.isEmpty() && ahead.firstKey() == applied + 1) {
            ChangeReport next = ahead.pollFirstEntry().getValue();
            apply(next);
            if (download != null) {
                download.appliedMeanwhile.add(next);
            }
        }
        boolean missing = !ahead.isEmpty() || announced > applied;
        if (!missing) {
            gapSince = null;
        } else if (gapSince == null) {
            gapSince = now;
        }
    }

    /** Whether every report the HA announced is applied and no snapshot is on its way: the MBR is its table. */
    boolean complete() {
        return download == null && gapSince == null && ahead.isEmpty() && announced <= applied;
    }

    /** Whether reports have been missing for at least {@code timeout} and no snapshot is on its way. */
    boolean gapOpenFor(Duration timeout, Instant now) {
        return download == null && gapSince != null && !now.isBefore(gapSince.plus(timeout));
    }

    /** The HA restarted (a new link epoch): its sequences start again from 1. */
    void restarted() {
        applied = 0;
        announced = 0;
        ahead.clear();
        gapSince = null;
        download = null;
    }

    /**
     * A snapshot was asked for as transfer {@code transferId}; asked while another is on its way, it
     * is that one asked again (the same episode: its chunks are dropped from now on).
     */
    void snapshotRequested(int transferId, Instant now) {
        reasks = download == null ? 0 : reasks + 1;
        download = new Download(transferId, now);
    }

    /**
     * Whether the snapshot on its way has brought no new chunk for {@code stall}, doubled for each
     * time it was asked again already, up to {@link #BACKOFF_LIMIT} times {@code stall}.
     */
    boolean transferStalled(Duration stall, Instant now) {
        if (download == null) {
            return false;
        }
        Duration wait = stall.multipliedBy(Math.min(BACKOFF_LIMIT, 1L << Math.min(reasks, 30)));
        return !now.isBefore(download.progress.plus(wait));
    }

    /** Times the snapshot on its way (or the last one) was asked again. */
    int reasks() {
        return reasks;
    }

    /** The transfer id of the snapshot on its way; meaningful while {@link #awaitingSnapshot()}. */
    int transferId() {
        return download.transferId;
    }

    /** Why the MBR is not the HA's table now, for the operator; empty when it is. */
    Optional<String> whyIncomplete() {
        if (download != null) {
            return Optional.of("its snapshot (transfer " + download.transferId + ") has " + download.chunks.size()
                    + (download.count == 0 ? "" : " of " + download.count) + " chunks, asked again " + reasks
                    + " times");
        }
        if (!complete()) {
            return Optional.of("change reports after sequence " + applied + " missing (announced "
                    + Math.max(announced, ahead.isEmpty() ? 0 : ahead.lastKey()) + ")");
        }
        return Optional.empty();
    }

    boolean awaitingSnapshot() {
        return download != null;
    }

    /**
     * A chunk of the full snapshot asked for; the last one replaces the table with the snapshot's,
     * then the reports newer than it apply again.
     *
     * @return false for a chunk of no transfer asked for
     */
    boolean chunk(SnapshotChunk chunk, Instant now) {
        if (download == null || download.transferId != chunk.transferId()) {
            return false;
        }
        if (download.chunks.put(chunk.index(), chunk) == null) {
            download.progress = now;
            download.count = chunk.count();
        }
        if (download.chunks.size() < chunk.count()) {
            return true;
        }
        Map<Inet4Address, List<Binding>> table = new HashMap<>();
        long sequence = 0;
        for (SnapshotChunk part : download.chunks.values()) {
            sequence = part.sequence();
            for (Binding b : part.bindings()) {
                table.computeIfAbsent(b.homeAddress(), h -> new ArrayList<>()).add(b);
            }
        }
        List<ChangeReport> newer = newerThan(download.appliedMeanwhile, sequence);
        download = null;
        for (Inet4Address home : List.copyOf(homes.keySet())) {
            if (!table.containsKey(home)) {
                put(home, List.of());
            }
        }
        table.forEach(this::put);
        applied = sequence;
        newer.forEach(this::apply);
        ahead.headMap(applied, true).clear();
        gapSince = null;
        drain(now);
        return true;
    }

    private void apply(ChangeReport report) {
        put(report.homeAddress(), report.bindings());
        applied = report.sequence();
        if (reportedWhileReceiving != null) {
            reportedWhileReceiving.add(report.homeAddress());
        }
    }

    /** A download of another HA's records to this one begins (docs/hacn.md, "Takeover"). */
    void downloadStarted() {
        reportedWhileReceiving = new HashSet<>();
    }

    /**
     * The download that began at {@link #downloadStarted()} is applied and activated on the HA:
     * each of its home addresses the HA did not report since gets the records sent (those whose
     * lifetime has not run out by {@code now}: the HA dropped the others, or reported their expiry).
     *
     * @param records what was downloaded, each home address's bindings next to each other
     */
    void downloadActivated(List<Binding> records, Instant now) {
        Set<Inet4Address> newer = reportedWhileReceiving == null ? Set.of() : reportedWhileReceiving;
        reportedWhileReceiving = null;
        Map<Inet4Address, List<Binding>> byHome = new LinkedHashMap<>();
        for (Binding b : records) {
            if (!newer.contains(b.homeAddress()) && !b.isExpiredAt(now)) {
                byHome.computeIfAbsent(b.homeAddress(), h -> new ArrayList<>()).add(b);
            }
        }
        byHome.forEach(this::put);
    }

    /** The download to this HA was abandoned (it failed, or the takeover went elsewhere). */
    void downloadAbandoned() {
        reportedWhileReceiving = null;
    }

    private static List<ChangeReport> newerThan(List<ChangeReport> reports, long sequence) {
        return reports.stream().filter(report -> report.sequence() > sequence).toList();
    }

    private void put(Inet4Address home, List<Binding> state) {
        List<Binding> before = state.isEmpty() ? homes.remove(home) : homes.put(home, List.copyOf(state));
        bindings += state.size() - (before == null ? 0 : before.size());
        holds.accept(home, state);
    }

    /**
     * Forgets every record (the HA was told to clear its table); the caller moved the routing of
     * its home addresses first.
     */
    void clear() {
        for (Inet4Address home : List.copyOf(homes.keySet())) {
            put(home, List.of());
        }
    }

    /** The records of a checkpoint, before the HA is heard (its first contact replaces them). */
    void restore(List<Binding> records) {
        Map<Inet4Address, List<Binding>> table = new HashMap<>();
        for (Binding b : records) {
            table.computeIfAbsent(b.homeAddress(), h -> new ArrayList<>()).add(b);
        }
        table.forEach(this::put);
    }

    /** Its home addresses. */
    List<Inet4Address> homes() {
        return List.copyOf(homes.keySet());
    }

    Optional<List<Binding>> find(Inet4Address home) {
        return Optional.ofNullable(homes.get(home));
    }

    /** Every binding, each home address's together, by home address. */
    List<Binding> all() {
        List<Binding> all = new ArrayList<>(bindings);
        homes.entrySet().stream().sorted(Comparator.comparingLong(e -> Ipv4.toUnsigned(e.getKey())))
                .forEach(e -> all.addAll(e.getValue()));
        return all;
    }

    int bindings() {
        return bindings;
    }

    int homeAddresses() {
        return homes.size();
    }

    long appliedSequence() {
        return applied;
    }
}
