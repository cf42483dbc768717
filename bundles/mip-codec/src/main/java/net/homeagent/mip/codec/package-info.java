/**
 * Mobile IPv4 messages, the codec registry and the SPI through which other bundles add message and
 * extension types. Every interface here is {@code @ConsumerType}: {@link net.homeagent.mip.codec.MipMessage},
 * {@link net.homeagent.mip.codec.MessageCodec}, {@link net.homeagent.mip.codec.ExtensionCodec} and
 * {@link net.homeagent.mip.codec.CodecProvider} are implemented by the bundles that add types,
 * {@link net.homeagent.mip.codec.MessageSigner} by whoever holds the keys. An abstract method added
 * to any of them is a major bump; a new class, record or method of a final class is a minor one.
 * 1.1.0: {@code MipMessage.extension(Class)} is a default method, once for every message.
 */
@Version("1.1.0")
package net.homeagent.mip.codec;

import org.osgi.annotation.versioning.Version;
