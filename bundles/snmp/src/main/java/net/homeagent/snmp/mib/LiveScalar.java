package net.homeagent.snmp.mib;

import java.util.function.Supplier;

import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * A read-only scalar whose value is read from the appliance at each request, never a copy made at
 * start (MOScalar keeps a value field; this one ignores it). A source that answers null (what it reads
 * is not there now) makes MOScalar answer a GET with noSuchObject and pass a GETNEXT on.
 */
final class LiveScalar<V extends Variable> extends MOScalar<V> {

    private final Supplier<V> source;

    /** @param oid the object's OID; the instance is {@code oid.0} */
    LiveScalar(OID oid, Supplier<V> source) {
        super(new OID(oid).append(0), MOAccessImpl.ACCESS_READ_ONLY, null);
        this.source = source;
    }

    @Override
    public V getValue() {
        return source.get();
    }
}
