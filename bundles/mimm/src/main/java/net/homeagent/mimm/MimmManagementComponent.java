package net.homeagent.mimm;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import net.homeagent.mimm.reactive.Alert;
import net.homeagent.mimm.reactive.AlertsView;
import net.homeagent.mip.api.management.MimmAdvisorView;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

/**
 * The advisor for managers ({@link MimmAdvisorView}, served by the SNMP agent as
 * HOMEAGENT-MIMM-MIB): the networks and advice counters of the Request Handoff advisor, and the
 * alerts and push counters of reactive advice while that component runs (it may not: a port in use
 * costs reactive advice only, and the table is then empty, its counters 0).
 */
@Component(service = MimmAdvisorView.class)
public final class MimmManagementComponent implements MimmAdvisorView {

    private final AdvisorView advisor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AlertsView reactive;

    @Activate
    public MimmManagementComponent(@Reference AdvisorView advisor) {
        this.advisor = advisor;
    }

    /** For tests: both views given. */
    MimmManagementComponent(AdvisorView advisor, AlertsView reactive) {
        this.advisor = advisor;
        this.reactive = reactive;
    }

    @Override
    public List<NetworkRow> networks() {
        boolean known = advisor.sessionsKnown();
        return advisor.networks().stream().map(s -> new NetworkRow(s.network().id(), s.network().name(),
                s.network().type().label(), s.network().capacityMobiles(), s.network().capacityKbps(), s.mobiles(),
                s.sessions().sessions(), s.sessions().kbps(), known)).toList();
    }

    @Override
    public Counters counters() {
        MimmStatistics stats = advisor.statistics();
        AlertsView alerts = reactive;
        Map<String, Long> pushes = alerts == null ? Map.of() : alerts.counters();
        return new Counters(stats.requests(), stats.byVerdict().getOrDefault(Verdict.GO, 0L),
                stats.byVerdict().getOrDefault(Verdict.NOT_NOW, 0L), stats.byVerdict().getOrDefault(Verdict.NO, 0L),
                pushes.getOrDefault("advice_sent", 0L), pushes.getOrDefault("advice_acked", 0L),
                pushes.getOrDefault("advice_gave_up", 0L), pushes.getOrDefault("pulls", 0L));
    }

    @Override
    public List<AlertRow> alerts() {
        AlertsView alerts = reactive;
        return alerts == null ? List.of() : alerts.alerts().stream().map(MimmManagementComponent::row).toList();
    }

    private static AlertRow row(Alert a) {
        return new AlertRow(a.id(), a.subject(), a.networks(), a.reason().code(), a.expirySeconds(),
                a.alternative().orElse(0), a.raisedAt(), a.until());
    }
}
