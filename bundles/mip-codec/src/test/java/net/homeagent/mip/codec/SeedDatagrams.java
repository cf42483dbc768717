package net.homeagent.mip.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.EncapsulatingDeliveryStyleExtension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.RevocationSupportExtension;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;
import net.homeagent.mip.codec.ext.UnknownExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * Well-formed datagrams made by the codec's own encoders: requests and replies carrying every
 * extension the codec knows (RFC 5944, 2794, 3115, 3519, 3543 revocation support), authenticators
 * of each kind, and RFC 3519 Tunnel Data. The seeds of the {@link FuzzTest} mutations, and, written
 * out by {@link #main}, the seed corpus of {@link MipCodecFuzzTest}.
 */
final class SeedDatagrams {

    private SeedDatagrams() {
    }

    static List<byte[]> all(MipCodec codec) {
        MessageSigner signer = Fixtures.hmacSigner(Fixtures.MN_HA_KEY);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Fixtures.encode(codec, Fixtures.request(List.of(new NaiExtension("mn@example.net"),
                new VendorSpecificExtension(true, 9, 1, new byte[] {1, 2}),
                new VendorSpecificExtension(false, 9, 2, new byte[] {3}),
                new EncapsulatingDeliveryStyleExtension(),
                new UdpTunnelRequestExtension(0, true, true, 4),
                new RevocationSupportExtension(true, 12345),
                new UnknownExtension(200, new byte[] {9, 9}),
                AuthenticationExtension.mobileHome(256),
                AuthenticationExtension.toSign(AuthenticationExtension.MOBILE_FOREIGN, 0, 7),
                AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, 8))), signer));
        seeds.add(Fixtures.encode(codec, Fixtures.request(List.of(new NaiExtension("jürgen@example.net"),
                AuthenticationExtension.toSign(AuthenticationExtension.GENERALIZED, 1, 2))), signer));
        seeds.add(Fixtures.encode(codec, Fixtures.reply(List.of(new UdpTunnelReplyExtension(0, 0, true, 110),
                new RevocationSupportExtension(false, 1), AuthenticationExtension.mobileHome(256))), signer));
        seeds.add(Fixtures.encode(codec, Fixtures.request(List.of(AuthenticationExtension.mobileHome(256))), signer));
        seeds.add(tunnelData(TunnelData.NEXT_HEADER_IP, "4500001c00000000401100000a00000ac6336405"));
        seeds.add(tunnelData(TunnelData.NEXT_HEADER_GRE, "0000080045000014"));
        return seeds;
    }

    private static byte[] tunnelData(int nextHeader, String payloadHex) {
        byte[] payload = HexFormat.of().parseHex(payloadHex);
        byte[] wire = new byte[TunnelData.PAYLOAD_OFFSET + payload.length];
        wire[0] = TunnelData.TYPE;
        wire[1] = (byte) nextHeader;
        System.arraycopy(payload, 0, wire, TunnelData.PAYLOAD_OFFSET, payload.length);
        return wire;
    }

    /**
     * Writes the seeds as {@code seed-<n>} files into the folder given, the Jazzer inputs folder of
     * {@link MipCodecFuzzTest#decode} (tools/fuzz/write-seeds.sh); findings sit beside them.
     */
    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]));
        List<byte[]> seeds = all(MipCodec.standard());
        for (int i = 0; i < seeds.size(); i++) {
            Files.write(folder.resolve("seed-" + i), seeds.get(i));
        }
    }
}
