package net.homeagent.mip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Mutated and random datagrams (fixed seed, so a failure reproduces) through the
 * {@link DecodeOracle}: a quick guard in every build; Jazzer's {@link MipCodecFuzzTest} searches
 * far wider when run in fuzzing mode.
 */
class FuzzTest {
    private static final long SEED = 0x5eed_c0dec_434L;
    private static final int MUTATIONS = 6000;
    private static final int RANDOM_DATAGRAMS = 2000;

    private final MipCodec codec = MipCodec.standard();
    private final DecodeOracle oracle = new DecodeOracle(codec);
    private final Random random = new Random(SEED);
    private int decoded;
    private int answered;
    private int discarded;

    @Test
    void mutatedMessagesNeverThrowAnythingButMalformedMessage() {
        List<byte[]> seeds = SeedDatagrams.all(codec);
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            check(mutate(seed));
        }
        for (int i = 0; i < RANDOM_DATAGRAMS; i++) {
            byte[] datagram = new byte[random.nextInt(64)];
            random.nextBytes(datagram);
            if (datagram.length > 0) {
                datagram[0] = (byte) (random.nextBoolean() ? RegistrationRequest.TYPE : RegistrationReply.TYPE);
            }
            check(datagram);
        }
        // the fuzzing reached every outcome, so the assertions above were exercised
        assertThat(decoded).isPositive();
        assertThat(answered).isPositive();
        assertThat(discarded).isPositive();
    }

    private void check(byte[] datagram) {
        switch (oracle.check(datagram)) {
            case DECODED -> decoded++;
            case ANSWERED -> answered++;
            case DISCARDED -> discarded++;
        }
    }

    private byte[] mutate(byte[] seed) {
        byte[] datagram = seed.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            datagram = switch (random.nextInt(6)) {
                case 0 -> flipBit(datagram);
                case 1 -> setOctet(datagram, random.nextInt(256));
                case 2 -> setOctet(datagram, new int[] {0, 1, 4, 6, 20, 0x7f, 0x80, 0xff}[random.nextInt(8)]);
                case 3 -> Arrays.copyOf(datagram, random.nextInt(datagram.length + 1));
                case 4 -> append(datagram);
                default -> insert(datagram);
            };
        }
        return datagram;
    }

    private byte[] flipBit(byte[] datagram) {
        if (datagram.length > 0) {
            datagram[random.nextInt(datagram.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return datagram;
    }

    private byte[] setOctet(byte[] datagram, int value) {
        if (datagram.length > 1) {
            // keep the message type most of the time, so that the extensions get exercised
            datagram[1 + random.nextInt(datagram.length - 1)] = (byte) value;
        }
        return datagram;
    }

    private byte[] append(byte[] datagram) {
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        byte[] longer = Arrays.copyOf(datagram, datagram.length + extra.length);
        System.arraycopy(extra, 0, longer, datagram.length, extra.length);
        return longer;
    }

    private byte[] insert(byte[] datagram) {
        int at = random.nextInt(datagram.length + 1);
        byte[] extra = new byte[1 + random.nextInt(4)];
        random.nextBytes(extra);
        byte[] longer = new byte[datagram.length + extra.length];
        System.arraycopy(datagram, 0, longer, 0, at);
        System.arraycopy(extra, 0, longer, at, extra.length);
        System.arraycopy(datagram, at, longer, at + extra.length, datagram.length - at);
        return longer;
    }
}
