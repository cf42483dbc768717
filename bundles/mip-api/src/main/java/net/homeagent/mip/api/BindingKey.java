package net.homeagent.mip.api;

import java.net.Inet4Address;

/** Identifies one binding: a home address may have one binding per care-of address (S flag). */
public record BindingKey(Inet4Address homeAddress, Inet4Address careOfAddress) {
}
