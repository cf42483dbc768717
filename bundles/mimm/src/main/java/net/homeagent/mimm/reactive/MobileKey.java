package net.homeagent.mimm.reactive;

import java.net.Inet4Address;

import net.homeagent.mip.api.SecurityAssociation;

/** A mobile to advise and the MN-HA security association that authenticates what it is sent. */
record MobileKey(Inet4Address home, SecurityAssociation association) {
}
