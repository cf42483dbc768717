/**
 * The wire formats of the MIMM handoff extensions (docs/protocols.md, "MIMM handoff extensions"):
 * the Request Handoff a mobile node sends in an RFC 3115 critical vendor/organization specific
 * extension (CVSE) of its Registration Request, and the Handoff Advice the home agent answers in a
 * normal one (NVSE) of its reply, under our enterprise number ({@link net.homeagent.mip.codec.mimm.MimmVendor}).
 * Shared by the advisor (bundles/mimm) and the multi-interface client (tools/mimm-client), so that
 * both ends read and write the same bytes from one codec. Records, enums and final codecs;
 * {@link net.homeagent.mip.codec.mimm.Decoded} is sealed and {@code @ProviderType}: a new message,
 * reason or method is a minor bump. 1.1.0 adds the datagrams of reactive advice
 * ({@link net.homeagent.mip.codec.mimm.ReactiveMessage}, {@link net.homeagent.mip.codec.mimm.ReactiveMessageCodec}).
 * Pure Java on byte buffers, no I/O.
 */
@Version("1.1.0")
package net.homeagent.mip.codec.mimm;

import org.osgi.annotation.versioning.Version;
