package net.homeagent.mip6.ipsec;

import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.spec.SecretKeySpec;

import net.homeagent.mip6.Addresses;

/**
 * What ESP costs the signalling thread per packet: sealing an acknowledgement-sized payload and
 * opening an update-sized one (sequence number check, HMAC-SHA1-96, AES-CBC-128, padding), a plain
 * main, no timing assertion (docs/mip6.md, "Performance"). Run from bundles/mip6 as
 * WorkTableMeasurement says, class net.homeagent.mip6.ipsec.EspMeasurement [packets] [rounds].
 */
public final class EspMeasurement {

    private EspMeasurement() {
    }

    public static void main(String[] args) {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        HexFormat hex = HexFormat.of();
        // one direction's keys both ways: what this SA seals, a fresh copy of it opens
        DirectionKeys keys = new DirectionKeys(0x1001, new SecretKeySpec(hex.parseHex("000102030405060708090a0b0c0d0e0f"),
                "AES"), new SecretKeySpec(hex.parseHex("202122232425262728292a2b2c2d2e2f30313233"), "HmacSHA1"));
        EspTransform transform = new EspTransform(new SecureRandom());
        byte[] update = new byte[40];       // a Binding Update with its padding (RFC 6275 §6.1.7)
        for (int round = 1; round <= rounds; round++) {
            EspSecurityAssociation sender = association(keys);
            EspSecurityAssociation receiver = association(keys);
            byte[][] sealed = new byte[packets][];
            long start = System.nanoTime();
            for (int i = 0; i < packets; i++) {
                sealed[i] = transform.seal(sender, 135, update).orElseThrow();
            }
            long sealedAt = System.nanoTime();
            for (int i = 0; i < packets; i++) {
                try {
                    transform.open(receiver, sealed[i]);
                } catch (EspDiscard e) {
                    throw new IllegalStateException(e);
                }
            }
            long openedAt = System.nanoTime();
            System.out.printf("round %d: %,d packets, seal %.2f us each, open %.2f us each%n", round, packets,
                    (sealedAt - start) / 1e3 / packets, (openedAt - sealedAt) / 1e3 / packets);
        }
    }

    private static EspSecurityAssociation association(DirectionKeys keys) {
        return new EspSecurityAssociation(Addresses.v6("2001:db8:100::10"), EspSuite.AES_CBC_HMAC_SHA1_96, keys, keys);
    }
}
