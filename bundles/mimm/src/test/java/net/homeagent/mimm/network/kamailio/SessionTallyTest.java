package net.homeagent.mimm.network.kamailio;

import static net.homeagent.mimm.Fixtures.binding;
import static net.homeagent.mimm.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.Fixtures;
import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.RealTimeSessionSource.SessionLoad;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.FakeBindingStore;

class SessionTallyTest {

    private final NetworkLoad load = new NetworkLoad(Fixtures.plan());
    private final FakeBindingStore store = new FakeBindingStore().listen(load::bindingChanged);
    private final SessionTally tally = new SessionTally(Fixtures.plan(), load, 80);

    @Test
    void aMobilesHomeAddressCountsWhereItsCareOfAddressIs() {
        store.register(binding("10.0.0.12", "10.3.0.7"), false);
        SessionTally.Result result = tally.count(List.of(new Dialog(4, "sip:caller@10.0.0.12:5060", "sip:x@198.18.0.1")));
        assertThat(result.loads()).isEqualTo(Map.of(3, new SessionLoad(1, 80)));
        assertThat(result.dialogs()).isEqualTo(1);
        assertThat(result.unmappedLegs()).isEqualTo(1);

        // the mobile moves: its next dialogs count in the new network; gone, they count nowhere
        store.register(binding("10.0.0.12", "10.2.0.7"), false);
        assertThat(tally.count(List.of(new Dialog(4, "sip:caller@10.0.0.12", ""))).loads())
                .isEqualTo(Map.of(2, new SessionLoad(1, 80)));
        store.removeAll(ip("10.0.0.12"), RemovalReason.DEREGISTERED);
        assertThat(tally.count(List.of(new Dialog(4, "sip:caller@10.0.0.12", ""))).loads()).isEmpty();
    }

    @Test
    void aContactInACareOfPrefixCountsThereLongestPrefixFirst() {
        SessionTally.Result result = tally.count(List.of(
                new Dialog(4, "<sip:alice@10.1.0.5:5060;transport=udp>", "sips:10.3.9.4"),
                new Dialog(3, "sip:bob@10.1.2.3", "sip:carol@10.1.2.4;ob")));
        // a call inside network 1 is two streams over its radio
        assertThat(result.loads()).isEqualTo(Map.of(1, new SessionLoad(3, 240), 4, new SessionLoad(1, 80)));
        assertThat(result.unmappedLegs()).isZero();
    }

    @Test
    void ringingAndEndedDialogsAreNoSessions() {
        SessionTally.Result result = tally.count(List.of(new Dialog(1, "sip:a@10.1.0.1", "sip:b@10.1.0.2"),
                new Dialog(2, "sip:a@10.1.0.1", "sip:b@10.1.0.2"), new Dialog(5, "sip:a@10.1.0.1", "sip:b@10.1.0.2")));
        assertThat(result.loads()).isEmpty();
        assertThat(result.dialogs()).isZero();
    }

    @Test
    void legsThatNameNoKnownAddressAreUnmapped() {
        SessionTally.Result result = tally.count(List.of(
                new Dialog(4, "sip:alice@pbx.example.net", "sip:[2001:db8::1]:5060"),
                new Dialog(4, "", "tel:+15550100"),
                new Dialog(4, "sip:a@300.1.0.1", "sip:b@198.51.100.9")));
        assertThat(result.loads()).isEmpty();
        assertThat(result.unmappedLegs()).isEqualTo(6);
    }

    @Test
    void onlyAnIpv4LiteralIsAHostAndNothingIsResolved() {
        assertThat(SessionTally.ipv4Host("sip:u@10.0.0.1:5060;transport=tcp")).contains(ip("10.0.0.1"));
        assertThat(SessionTally.ipv4Host("<sips:10.0.0.2>")).contains(ip("10.0.0.2"));
        assertThat(SessionTally.ipv4Host("sip:u:secret@10.0.0.3")).contains(ip("10.0.0.3"));
        assertThat(SessionTally.ipv4Host("sip:localhost")).isEqualTo(Optional.empty());
        assertThat(SessionTally.ipv4Host("sip:u@10.0.0.1.example.net")).isEmpty();
        assertThat(SessionTally.ipv4Host("http://10.0.0.1/")).isEmpty();
    }
}
