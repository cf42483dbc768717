package net.homeagent.loadgen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Judges a binding snapshot against a load generator's {@link AcknowledgementLedger}, node by
 * node (the S bit is never set, so a node has at most one binding):
 * <ul>
 * <li>acknowledged registered at X with lifetime L, nothing unanswered: one binding, at X, L;</li>
 * <li>acknowledged deregistered, or never acknowledged, nothing unanswered: no binding;</li>
 * <li>one unanswered request: the acknowledged state or that request's (at most one binding);</li>
 * <li>two or more unanswered: the ledger knows only the newest, so any one binding or none
 * passes ("uncertain");</li>
 * </ul>
 * A binding at a care-of address the node is not allowed is a stale care-of (the node should
 * have a binding elsewhere) or an extra (it should have none); two allowed bindings at once are
 * "twice". Bindings outside the ledger's home range are not the generator's and only counted.
 */
final class LedgerVerifier {

    static final int LISTED = 20;

    /** What the check found; {@link #violations} lists the first {@value #LISTED}. */
    record Verdict(long expectedBound, long expectedUnbound, long inDoubt, long uncertain, long found,
            long outsideRange, long missing, long staleCareOf, long extra, long twice, long wrongLifetime, long ok,
            List<String> violations) {

        long violationCount() {
            return missing + staleCareOf + extra + twice + wrongLifetime;
        }

        boolean passed() {
            return violationCount() == 0;
        }

        String report() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "expected %d bound + %d unbound, in doubt %d (one unanswered request), uncertain %d (more)%n"
                            + "found %d bindings of the ledger's nodes (+%d outside its home range)%n"
                            + "missing %d, stale care-of %d, extra %d, twice %d, wrong lifetime %d, ok %d nodes%n",
                    expectedBound, expectedUnbound, inDoubt, uncertain, found, outsideRange, missing, staleCareOf,
                    extra, twice, wrongLifetime, ok));
            if (!passed()) {
                sb.append(String.format(Locale.ROOT, "%d violations, the first %d:%n", violationCount(),
                        violations.size()));
                violations.forEach(v -> sb.append("  ").append(v).append('\n'));
            }
            sb.append(passed() ? "VERIFIED\n" : "VIOLATED\n");
            return sb.toString();
        }
    }

    private final int homeBase;
    private final AcknowledgementLedger ledger;
    private final BindingSnapshot snapshot;
    private final List<String> violations = new ArrayList<>();
    private long missing;
    private long stale;
    private long extra;
    private long twice;
    private long wrongLifetime;

    private LedgerVerifier(int homeBase, AcknowledgementLedger ledger, BindingSnapshot snapshot) {
        this.homeBase = homeBase;
        this.ledger = ledger;
        this.snapshot = snapshot;
    }

    static Verdict verify(int homeBase, AcknowledgementLedger ledger, BindingSnapshot snapshot) {
        return new LedgerVerifier(homeBase, ledger, snapshot).run();
    }

    private Verdict run() {
        int nodes = ledger.nodes();
        // each node's bindings as a linked list through the snapshot's indices
        int[] first = new int[nodes];
        int[] next = new int[snapshot.size()];
        Arrays.fill(first, -1);
        long found = 0;
        for (int i = snapshot.size() - 1; i >= 0; i--) {
            long node = Integer.toUnsignedLong(snapshot.homes()[i]) - Integer.toUnsignedLong(homeBase);
            if (node >= 0 && node < nodes) {
                next[i] = first[(int) node];
                first[(int) node] = i;
                found++;
            }
        }
        long bound = 0;
        long unbound = 0;
        long inDoubt = 0;
        long uncertain = 0;
        long ok = 0;
        for (int node = 0; node < nodes; node++) {
            int unanswered = ledger.unanswered(node);
            if (unanswered >= 2) {
                uncertain++;
            } else if (unanswered == 1) {
                inDoubt++;
            } else if (ledger.acknowledged(node) == AcknowledgementLedger.REGISTERED) {
                bound++;
            } else {
                unbound++;
            }
            if (check(node, first, next)) {
                ok++;
            }
        }
        return new Verdict(bound, unbound, inDoubt, uncertain, found, snapshot.size() - found, missing, stale, extra,
                twice, wrongLifetime, ok, List.copyOf(violations));
    }

    /** True when the node's bindings are one of the states its ledger entry allows. */
    private boolean check(int node, int[] first, int[] next) {
        int count = 0;
        for (int i = first[node]; i >= 0; i = next[i]) {
            count++;
        }
        if (ledger.unanswered(node) >= 2) {
            return count <= 1 || violation(node, first, next, "twice", () -> twice++);
        }
        boolean noneAllowed = !acknowledgedBound(node) || ledger.unanswered(node) == 1 && !unansweredBinds(node);
        if (count == 0) {
            return noneAllowed || violation(node, first, next, "missing", () -> missing++);
        }
        boolean good = true;
        for (int i = first[node]; i >= 0; i = next[i]) {
            int careOf = snapshot.careOfs()[i];
            if (!allows(node, careOf, -1) && (acknowledgedBound(node) || unansweredBinds(node))) {
                good = violation(node, first, next, "stale care-of " + Ipv4.of(careOf).getHostAddress(),
                        () -> stale++);
            } else if (!allows(node, careOf, -1)) {
                good = violation(node, first, next, "extra", () -> extra++);
            } else if (!allows(node, careOf, snapshot.lifetimes()[i])) {
                good = violation(node, first, next, "wrong lifetime " + snapshot.lifetimes()[i], () -> wrongLifetime++);
            }
        }
        if (good && count > 1) {
            good = violation(node, first, next, "twice", () -> twice++);
        }
        return good;
    }

    private boolean acknowledgedBound(int node) {
        return ledger.acknowledged(node) == AcknowledgementLedger.REGISTERED;
    }

    /** Whether the node's one unanswered request is a registration (not a deregistration). */
    private boolean unansweredBinds(int node) {
        return ledger.unanswered(node) == 1 && ledger.unansweredLifetime(node) > 0;
    }

    /** Whether a binding at {@code careOf} with {@code lifetime} (-1: any) is an allowed state of the node. */
    private boolean allows(int node, int careOf, int lifetime) {
        return acknowledgedBound(node) && ledger.acknowledgedCareOf(node) == careOf
                && (lifetime < 0 || ledger.acknowledgedLifetime(node) == lifetime)
                || unansweredBinds(node) && ledger.unansweredCareOf(node) == careOf
                && (lifetime < 0 || ledger.unansweredLifetime(node) == lifetime);
    }

    private boolean violation(int node, int[] first, int[] next, String what, Runnable counter) {
        counter.run();
        if (violations.size() < LISTED) {
            violations.add(Ipv4.of(homeBase + node).getHostAddress() + ": " + what + "; bindings "
                    + bindingsOf(node, first, next) + "; ledger " + describe(node));
        }
        return false;
    }

    private String bindingsOf(int node, int[] first, int[] next) {
        List<String> list = new ArrayList<>();
        for (int i = first[node]; i >= 0; i = next[i]) {
            list.add(Ipv4.of(snapshot.careOfs()[i]).getHostAddress() + "/" + snapshot.lifetimes()[i] + "s");
        }
        return list.isEmpty() ? "none" : String.join(", ", list);
    }

    private String describe(int node) {
        String state = switch (ledger.acknowledged(node)) {
            case AcknowledgementLedger.REGISTERED -> "registered at "
                    + Ipv4.of(ledger.acknowledgedCareOf(node)).getHostAddress() + "/"
                    + ledger.acknowledgedLifetime(node) + "s";
            case AcknowledgementLedger.DEREGISTERED -> "deregistered";
            default -> "never acknowledged";
        };
        int unanswered = ledger.unanswered(node);
        if (unanswered == 0) {
            return state;
        }
        return state + ", " + unanswered + " unanswered, newest " + (ledger.unansweredLifetime(node) == 0
                ? "deregistering " : "registering at ")
                + Ipv4.of(ledger.unansweredCareOf(node)).getHostAddress() + "/"
                + ledger.unansweredLifetime(node) + "s";
    }
}
