package net.homeagent.mimmclient.monitor;

/** A source of link state and signal per interface (the design's interface monitor). */
public interface InterfaceMonitor {

    /** The interfaces as they are now. Never throws on bad input from the system: it is skipped and counted. */
    Observation observe();
}
