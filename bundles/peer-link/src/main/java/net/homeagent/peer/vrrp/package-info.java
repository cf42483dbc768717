/**
 * Following keepalived (VRRP, RFC 5798) from inside an appliance role: the lines keepalived writes
 * to its notify FIFO ({@link net.homeagent.peer.vrrp.KeepalivedNotice},
 * {@link net.homeagent.peer.vrrp.KeepalivedFifoReader}) and the file it tracks to know whether the
 * role may hold the virtual address ({@link net.homeagent.peer.vrrp.KeepalivedTrackFile}). Shared by
 * the redundancy group member (group-sync) and the standby control node (hacn), which both take an
 * address keepalived moves between appliance nodes of one deployment. Every type is final and
 * provided here (a method added is a minor bump).
 */
@Version("1.0.0")
package net.homeagent.peer.vrrp;

import org.osgi.annotation.versioning.Version;
