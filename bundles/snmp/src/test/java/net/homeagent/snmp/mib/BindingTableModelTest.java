package net.homeagent.snmp.mib;

import static net.homeagent.snmp.mib.TestBindings.binding;
import static net.homeagent.snmp.mib.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.RegistrationFlags;

class BindingTableModelTest {

    private final MutableClock clock = new MutableClock(TestBindings.REGISTERED.plusSeconds(100));
    private final FakeBindingStore store = new FakeBindingStore();
    private final BindingWalkIndex index = new BindingWalkIndex(store, clock, Duration.ofSeconds(2));
    private final BindingTableModel model = new BindingTableModel(store, index, clock);

    @Test
    void rowsComeInSnmpIndexOrderWhichIsUnsignedOctetOrder() {
        store.register(binding("200.0.0.1", "10.0.0.1", 0), false);
        store.register(binding("10.0.0.9", "192.0.2.2", RegistrationFlags.S), true);
        store.register(binding("10.0.0.9", "192.0.2.1", RegistrationFlags.S), true);
        store.register(binding("127.255.255.255", "1.1.1.1", 0), false);

        assertThat(indexes(model.iterator())).containsExactly("10.0.0.9.192.0.2.1", "10.0.0.9.192.0.2.2",
                "127.255.255.255.1.1.1.1", "200.0.0.1.10.0.0.1");
        assertThat(model.firstIndex()).hasToString("10.0.0.9.192.0.2.1");
        assertThat(model.lastIndex()).hasToString("200.0.0.1.10.0.0.1");
    }

    @Test
    void aWalkGoesOnFromAnyLowerBound() {
        store.register(binding("10.0.0.9", "192.0.2.1", RegistrationFlags.S), true);
        store.register(binding("10.0.0.9", "192.0.2.2", RegistrationFlags.S), true);
        store.register(binding("10.0.0.10", "192.0.2.1", 0), false);

        assertThat(indexes(model.tailIterator(new OID("10.0.0.9.192.0.2.2")))).first().isEqualTo("10.0.0.9.192.0.2.2");
        // a shorter OID comes before every index it starts
        assertThat(indexes(model.tailIterator(new OID("10.0.0.10")))).containsExactly("10.0.0.10.192.0.2.1");
        // a longer one after the index it starts with
        assertThat(indexes(model.tailIterator(new OID("10.0.0.9.192.0.2.1.0")))).first().isEqualTo("10.0.0.9.192.0.2.2");
        // no octet is above 255: 10.0.0.300 lies after every 10.0.0.x
        assertThat(indexes(model.tailIterator(new OID("10.0.0.300")))).isEmpty();
        assertThat(indexes(model.tailIterator(new OID("10.0.0.9.300")))).containsExactly("10.0.0.10.192.0.2.1");
        assertThat(indexes(model.tailIterator(new OID("256")))).isEmpty();
    }

    @Test
    void aRowIsReadLiveAndABindingRemovedSinceTheIndexWasBuiltIsSkipped() {
        store.register(binding("10.0.0.1", "192.0.2.1", 0), false);
        store.register(binding("10.0.0.2", "192.0.2.1", 0), false);
        store.register(binding("10.0.0.3", "192.0.2.1", 0), false);
        assertThat(indexes(model.iterator())).hasSize(3);

        store.remove(ip("10.0.0.2"), ip("192.0.2.1"), RemovalReason.DEREGISTERED);
        assertThat(indexes(model.iterator())).containsExactly("10.0.0.1.192.0.2.1", "10.0.0.3.192.0.2.1");
        assertThat(model.getRow(new OID("10.0.0.2.192.0.2.1"))).isNull();
    }

    @Test
    void aBindingAddedAfterTheIndexWasBuiltShowsWhenTheIndexIsRebuilt() {
        store.register(binding("10.0.0.1", "192.0.2.1", 0), false);
        assertThat(indexes(model.iterator())).hasSize(1);
        store.register(binding("10.0.0.2", "192.0.2.1", 0), false);

        assertThat(indexes(model.iterator())).as("within the index's max age").hasSize(1);
        assertThat(model.getRow(new OID("10.0.0.2.192.0.2.1"))).as("a GET reads the store").isNotNull();
        clock.advance(Duration.ofSeconds(2));
        assertThat(indexes(model.iterator())).hasSize(2);
    }

    @Test
    void columnsFollowMipMib() {
        store.register(binding("10.0.0.9", "192.0.2.1", RegistrationFlags.S | RegistrationFlags.D | RegistrationFlags.G
                | RegistrationFlags.T), true);
        BindingRow row = model.getRow(new OID("10.0.0.9.192.0.2.1"));

        assertThat(row.getValue(0)).isEqualTo(new IpAddress("10.0.0.9"));
        assertThat(row.getValue(1)).isEqualTo(new IpAddress("192.0.2.1"));
        assertThat(row.getValue(2)).isEqualTo(new IpAddress("192.0.2.1"));
        // gre(1) 0x40 | decapsulationbyMN(3) 0x10 | simultaneousBindings(5) 0x04; T has no BITS in RFC 2006
        assertThat(row.getValue(3)).isEqualTo(new OctetString(new byte[] {0x54}));
        assertThat(row.getValue(4)).isEqualTo(new Integer32(7));
        assertThat(row.getValue(5)).isEqualTo(new Integer32(0xE9E4A1B2));
        assertThat(row.getValue(6)).isEqualTo(new Integer32(1800));
        assertThat(row.getValue(7)).isEqualTo(new Gauge32(1700));
    }

    @Test
    void eachRfc5944FlagMapsToItsRegistrationFlagsBit() {
        assertThat(BindingRow.registrationFlagBits(RegistrationFlags.S)).isEqualTo(0x04);
        assertThat(BindingRow.registrationFlagBits(RegistrationFlags.B)).isEqualTo(0x08);
        assertThat(BindingRow.registrationFlagBits(RegistrationFlags.D)).isEqualTo(0x10);
        assertThat(BindingRow.registrationFlagBits(RegistrationFlags.M)).isEqualTo(0x20);
        assertThat(BindingRow.registrationFlagBits(RegistrationFlags.G)).isEqualTo(0x40);
        assertThat(BindingRow.registrationFlagBits(RegistrationFlags.T | RegistrationFlags.R | RegistrationFlags.X))
                .isZero();
    }

    private static List<String> indexes(Iterator<BindingRow> rows) {
        List<String> out = new ArrayList<>();
        rows.forEachRemaining(r -> out.add(r.getIndex().toDottedString()));
        return out;
    }
}
