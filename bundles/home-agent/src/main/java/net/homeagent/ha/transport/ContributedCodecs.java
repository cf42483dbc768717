package net.homeagent.ha.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.codec.CodecProvider;
import net.homeagent.mip.codec.CodecRegistry;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.StandardCodecs;

/**
 * The codec the transport decodes and encodes with: the standard codecs plus those of every
 * {@link CodecProvider} service. Rebuilt whole when a provider comes or goes, so that a datagram
 * is read with one consistent registry and the sockets stay open. A provider that claims a type
 * code already taken (a standard one, or an earlier provider's) is left out with a warning: the
 * RFC 5944 messages must decode the same whatever bundles are installed.
 */
final class ContributedCodecs implements Supplier<MipCodec> {
    private static final Logger LOG = LoggerFactory.getLogger(ContributedCodecs.class);

    private final List<CodecProvider> providers = new ArrayList<>();
    private volatile MipCodec codec = MipCodec.standard();

    @Override
    public MipCodec get() {
        return codec;
    }

    synchronized void add(CodecProvider provider) {
        providers.add(provider);
        rebuild();
    }

    synchronized void remove(CodecProvider provider) {
        providers.remove(provider);
        rebuild();
    }

    private void rebuild() {
        CodecRegistry.Builder registry = StandardCodecs.builder();
        for (CodecProvider provider : providers) {
            try {
                registry.add(provider);
            } catch (IllegalArgumentException e) {
                LOG.warn("codec provider {} left out: {}", provider.getClass().getName(), e.getMessage());
            }
        }
        codec = new MipCodec(registry.build());
    }
}
