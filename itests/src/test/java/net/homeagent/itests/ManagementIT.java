package net.homeagent.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.mip.api.management.SnmpAgentStatus;

/**
 * The management plane in the appliance as shipped: the snmp and routes features are installed,
 * the agent answers a GET over UDP, and camel:route-list shows the appliance's routes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagementIT {

    private static final OID MIP_ENABLE = new OID("1.3.6.1.2.1.44.1.1.2.0");
    private static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");

    @Inject
    FeaturesService features;

    @Inject
    SnmpAgentStatus agent;

    // injected so that the tests wait for the routes bundle's event hub, as for the agent above
    @Inject
    ApplianceEvents events;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] appliance() {
        return ApplianceOptions.options();
    }

    @Test
    public void theSnmpAndRoutesFeaturesAreInstalled() throws Exception {
        for (String name : List.of("homeagent-snmp4j", "homeagent-snmp", "homeagent-routes", "camel-core")) {
            assertTrue(name + " installed", features.isInstalled(features.getFeature(name)));
        }
    }

    @Test
    public void theAgentAnswersAGet() throws Exception {
        int port = Integer.getInteger(ApplianceOptions.SNMP_PORT_PROPERTY);
        assertEquals(List.of("udp:127.0.0.1/" + port), agent.status().listening());
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            snmp.listen();
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress(InetAddress.getLoopbackAddress(), port), new OctetString("itest-community"));
            target.setVersion(SnmpConstants.version2c);
            target.setTimeout(3000);
            target.setRetries(2);
            PDU get = new PDU();
            get.setType(PDU.GET);
            get.add(new VariableBinding(MIP_ENABLE));
            get.add(new VariableBinding(SYS_OBJECT_ID));
            ResponseEvent<UdpAddress> answer = snmp.send(get, target);
            assertNotNull("no answer from the agent", answer.getResponse());
            assertEquals(new Integer32(1), answer.getResponse().get(0).getVariable());
            assertEquals(new OID("1.3.6.1.4.1.32473.2.1"), answer.getResponse().get(1).getVariable());
        }
        assertThat(new KarafShell(sessionFactory).execute("snmp:status"), containsString("Versions v3, v2c"));
    }

    @Test
    public void routeListShowsTheAppliancesRoutes() throws Exception {
        String routes = new KarafShell(sessionFactory).execute("camel:route-list");
        for (String route : List.of("appliance-events", "snmp-notifications", "audit-log", "event-listeners",
                "operator-endpoints", "binding-summary", "appliance-watch", "snmp-traps-in")) {
            assertThat(routes, containsString(route));
        }
    }
}
