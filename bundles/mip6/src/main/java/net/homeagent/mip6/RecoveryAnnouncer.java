package net.homeagent.mip6;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.Mip6NodeView;
import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip6.recovery.RecoveryProgress;

/**
 * A role's binding recovery as appliance events (rule 9: a change of what a role does is an event):
 * ROLE_CHANGED {@code restored -> recovering} when it starts (details total) and
 * {@code recovering -> recovered} once nothing is pending (details total, validated, deleted),
 * from source {@code mip6-<role>} ({@link Owner#source()}). The SNMP agent turns them into
 * HOMEAGENT-MIP6-MIB's hm6RecoveryStarted and hm6RecoveryFinished. The end is told once, whichever
 * comes last: a Binding Update validating the last entry, or the timer deleting it.
 */
final class RecoveryAnnouncer {

    private final Owner owner;
    private final String name;
    private final Consumer<ApplianceEvent> events;
    private final Clock clock;
    private final AtomicBoolean finished = new AtomicBoolean();

    RecoveryAnnouncer(Owner owner, String name, Consumer<ApplianceEvent> events, Clock clock) {
        this.owner = owner;
        this.name = name;
        this.events = events;
        this.clock = clock;
    }

    void started(RecoveryProgress progress) {
        events.accept(ApplianceEvent.roleChanged(clock.instant(), owner.source(), Mip6NodeView.RESTORED, Mip6NodeView.RECOVERING,
                name + " binding recovery of " + progress.total() + " restored entries started")
                .withDetail("total", Integer.toString(progress.total())));
    }

    /** After each step of the recovery: tells its end, once. */
    void progressed(RecoveryProgress progress) {
        if (!progress.finished() || !finished.compareAndSet(false, true)) {
            return;
        }
        events.accept(ApplianceEvent.roleChanged(clock.instant(), owner.source(), Mip6NodeView.RECOVERING, Mip6NodeView.RECOVERED,
                name + " binding recovery finished: " + progress.validated() + " validated, " + progress.deleted()
                        + " deleted of " + progress.total())
                .withDetail("total", Integer.toString(progress.total()))
                .withDetail("validated", Integer.toString(progress.validated()))
                .withDetail("deleted", Integer.toString(progress.deleted())));
    }
}
