package net.homeagent.mip.codec;

import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.EncapsulatingDeliveryStyleExtension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.RevocationSupportExtension;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;
import net.homeagent.mip.codec.wire.AuthenticationExtensionCodec;
import net.homeagent.mip.codec.wire.EncapsulatingDeliveryStyleExtensionCodec;
import net.homeagent.mip.codec.wire.NaiExtensionCodec;
import net.homeagent.mip.codec.wire.RegistrationReplyCodec;
import net.homeagent.mip.codec.wire.RegistrationRequestCodec;
import net.homeagent.mip.codec.wire.RevocationSupportExtensionCodec;
import net.homeagent.mip.codec.wire.TunnelDataCodec;
import net.homeagent.mip.codec.wire.UdpTunnelReplyExtensionCodec;
import net.homeagent.mip.codec.wire.UdpTunnelRequestExtensionCodec;
import net.homeagent.mip.codec.wire.VendorSpecificExtensionCodec;

/**
 * The messages and extensions this bundle implements, by IANA type code ("Mobile IPv4 Numbers"
 * registry). Later work starts from {@link #builder()} and registers its own on top.
 */
public final class StandardCodecs {

    private StandardCodecs() {
    }

    public static CodecRegistry.Builder builder() {
        return CodecRegistry.builder()
                .message(RegistrationRequest.TYPE, new RegistrationRequestCodec())
                .message(RegistrationReply.TYPE, new RegistrationReplyCodec())
                .message(TunnelData.TYPE, new TunnelDataCodec())
                .extension(AuthenticationExtension.MOBILE_HOME, AuthenticationExtensionCodec.SHORT)
                .extension(AuthenticationExtension.MOBILE_FOREIGN, AuthenticationExtensionCodec.SHORT)
                .extension(AuthenticationExtension.FOREIGN_HOME, AuthenticationExtensionCodec.SHORT)
                .extension(AuthenticationExtension.GENERALIZED, AuthenticationExtensionCodec.GENERALIZED)
                .extension(VendorSpecificExtension.CRITICAL_TYPE, VendorSpecificExtensionCodec.CRITICAL)
                .extension(VendorSpecificExtension.NORMAL_TYPE, VendorSpecificExtensionCodec.NORMAL)
                .extension(UdpTunnelReplyExtension.TYPE, new UdpTunnelReplyExtensionCodec())
                .extension(EncapsulatingDeliveryStyleExtension.TYPE, new EncapsulatingDeliveryStyleExtensionCodec())
                .extension(NaiExtension.TYPE, new NaiExtensionCodec())
                .extension(RevocationSupportExtension.TYPE, new RevocationSupportExtensionCodec())
                .extension(UdpTunnelRequestExtension.TYPE, new UdpTunnelRequestExtensionCodec());
    }
}
