package net.homeagent.snmp.mib;

import java.util.ArrayList;
import java.util.List;

import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.ManagedObject;

/** The managed objects one MIB module serves, registered in and removed from the agent's server together. */
public abstract class MibModule {

    private final List<ManagedObject<?>> objects = new ArrayList<>();

    final void serve(ManagedObject<?> object) {
        objects.add(object);
    }

    public final void registerWith(MOServer server) throws DuplicateRegistrationException {
        for (ManagedObject<?> mo : objects) {
            server.register(mo, null);
        }
    }

    public final void unregisterFrom(MOServer server) {
        objects.forEach(mo -> server.unregister(mo, null));
    }
}
