package net.homeagent.routes;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import net.homeagent.mip.api.events.ApplianceEvent;

/**
 * Receives SNMPv1/v2c traps and informs from monitoring entities (for the MIMM advisor, which reacts
 * to network alerts) and publishes each as a {@link ApplianceEvent.Kind#NETWORK_ALERT}. A trap must
 * carry the configured community; others are refused and counted. Informs are acknowledged
 * (RFC 3416 §4.2.7). camel-snmp would do the same with the same library, but its 3.22 releases are
 * not on the mirror this project builds from (docs/snmp.md).
 */
final class TrapReceiver implements CommandResponder {

    /** At most this many variable bindings are copied into an event's details. */
    static final int MAX_BINDINGS = 16;

    private final OctetString community;
    private final Consumer<ApplianceEvent> publish;
    private final Clock clock;
    private final LongAdder received = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private Snmp snmp;
    private String listening = "";

    TrapReceiver(String community, Consumer<ApplianceEvent> publish, Clock clock) {
        this.community = new OctetString(community);
        this.publish = publish;
        this.clock = clock;
    }

    void start(InetAddress address, int port) throws IOException {
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress(address, port));
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(this);
        snmp.listen();
        listening = "udp:" + transport.getListenAddress();
    }

    void stop() {
        if (snmp != null) {
            try {
                snmp.close();
            } catch (IOException e) {
                // closing the socket; nothing is left to release
            }
        }
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        PDU pdu = event.getPDU();
        if (pdu == null || !(pdu.getType() == PDU.TRAP || pdu.getType() == PDU.V1TRAP || pdu.getType() == PDU.INFORM)) {
            return;
        }
        event.setProcessed(true);
        if (community.length() == 0 || !community.equals(new OctetString(event.getSecurityName()))) {
            refused.increment();
            return;
        }
        received.increment();
        if (pdu.getType() == PDU.INFORM) {
            acknowledge(event);
        }
        publish.accept(alert(event.getPeerAddress().toString(), pdu));
    }

    ApplianceEvent alert(String peer, PDU pdu) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("peer", peer);
        String trapOid;
        if (pdu instanceof PDUv1 v1) {
            details.put("version", "v1");
            trapOid = v1.getEnterprise() + " generic " + v1.getGenericTrap() + " specific " + v1.getSpecificTrap();
        } else {
            details.put("version", "v2c");
            org.snmp4j.smi.Variable oid = pdu.getVariable(SnmpConstants.snmpTrapOID);
            trapOid = oid == null ? "none" : oid.toString();
        }
        details.put("trap", trapOid);
        List<? extends VariableBinding> vbs = pdu.getVariableBindings();
        for (int i = 0; i < Math.min(vbs.size(), MAX_BINDINGS); i++) {
            details.put(vbs.get(i).getOid().toDottedString(), vbs.get(i).toValueString());
        }
        return ApplianceEvent.of(ApplianceEvent.Kind.NETWORK_ALERT, clock.instant(), "snmp-trap",
                "trap " + trapOid + " from " + peer, details);
    }

    private <A extends org.snmp4j.smi.Address> void acknowledge(CommandResponderEvent<A> event) {
        PDU response = event.getPDU();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                    event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                    event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
        } catch (org.snmp4j.MessageException e) {
            // the sender retransmits an unacknowledged inform; the alert is published already
        }
    }

    long received() {
        return received.sum();
    }

    long refused() {
        return refused.sum();
    }

    String listening() {
        return listening;
    }
}
