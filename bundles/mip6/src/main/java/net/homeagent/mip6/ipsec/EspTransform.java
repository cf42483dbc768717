package net.homeagent.mip6.ipsec;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;

import net.homeagent.mip6.Mip6Counters.Counter;

/**
 * ESP (RFC 4303 §2) with AES-CBC (RFC 3602) and HMAC-SHA1-96 (RFC 2404), javax.crypto's primitives:
 * <pre>
 * SPI (4) | Sequence Number (4) | IV (16) | encrypted: payload | padding 1, 2, 3, ... | pad length | next header | ICV (12)
 * </pre>
 * The ICV is the HMAC over SPI through the encrypted part (§3.3.4). Opening checks the sequence
 * number against the window, then the ICV (in constant time, before anything is decrypted, §3.4.4),
 * then advances the window, then decrypts and checks the padding (§2.4).
 */
public final class EspTransform {

    /** ESP's protocol number (RFC 4303 §2). */
    public static final int NEXT_HEADER = 50;
    private static final int SPI_AND_SEQUENCE = 8;

    private final SecureRandom random;

    public EspTransform(SecureRandom random) {
        this.random = random;
    }

    /** The payload and the next header of an ESP packet that passed every check. */
    record Opened(int nextHeader, byte[] payload) {
    }

    /** The SPI of an ESP header's first octets (§2.1), or -1 when fewer than 8 octets are there. */
    static long spiOf(byte[] esp) {
        return esp.length < SPI_AND_SEQUENCE ? -1 : Integer.toUnsignedLong(ByteBuffer.wrap(esp).getInt(0));
    }

    /** Checks and decrypts {@code esp} (SPI to ICV) received on {@code sa}'s inbound direction. */
    Opened open(EspSecurityAssociation sa, byte[] esp) throws EspDiscard {
        EspSuite suite = sa.suite();
        int encrypted = esp.length - SPI_AND_SEQUENCE - suite.ivLength() - suite.icvLength();
        if (encrypted < suite.blockLength() || encrypted % suite.blockLength() != 0) {
            throw new EspDiscard(Counter.ESP_MALFORMED, "ESP of " + esp.length + " octets: the encrypted part ("
                    + encrypted + ") is not a whole number of " + suite.blockLength() + "-octet blocks (RFC 3602 §3)");
        }
        long sequence = Integer.toUnsignedLong(ByteBuffer.wrap(esp).getInt(4));
        if (!sa.window().isFresh(sequence)) {
            throw new EspDiscard(Counter.ESP_REPLAYED, "sequence number " + sequence + " replayed or left of the window");
        }
        int icvAt = esp.length - suite.icvLength();
        byte[] icv = icv(sa.inbound(), esp, icvAt, suite);
        if (!MessageDigest.isEqual(icv, Arrays.copyOfRange(esp, icvAt, esp.length))) {
            throw new EspDiscard(Counter.ESP_ICV_FAILED, "ICV did not verify (RFC 4303 §3.4.4)");
        }
        if (!sa.window().accept(sequence)) {
            throw new EspDiscard(Counter.ESP_REPLAYED, "sequence number " + sequence + " replayed");
        }
        byte[] plain = crypt(Cipher.DECRYPT_MODE, sa.inbound(), esp, SPI_AND_SEQUENCE, suite, encrypted);
        int padLength = plain[plain.length - 2] & 0xFF;
        int nextHeader = plain[plain.length - 1] & 0xFF;
        int payloadLength = plain.length - 2 - padLength;
        if (payloadLength < 0) {
            throw new EspDiscard(Counter.ESP_MALFORMED, "pad length " + padLength + " beyond the payload");
        }
        for (int i = 0; i < padLength; i++) {
            if ((plain[payloadLength + i] & 0xFF) != i + 1) {   // §2.4: the default padding is 1, 2, 3, ...
                throw new EspDiscard(Counter.ESP_MALFORMED, "padding is not 1, 2, 3, ... (RFC 4303 §2.4)");
            }
        }
        return new Opened(nextHeader, Arrays.copyOf(plain, payloadLength));
    }

    /**
     * ESP (SPI to ICV) carrying {@code payload} on {@code sa}'s outbound direction with the next
     * sequence number; empty when the counter is spent (§3.3.3: the SA must be rekeyed).
     */
    public Optional<byte[]> seal(EspSecurityAssociation sa, int nextHeader, byte[] payload) {
        OptionalLong sequence = sa.nextSequence();
        if (sequence.isEmpty()) {
            return Optional.empty();
        }
        EspSuite suite = sa.suite();
        int block = suite.blockLength();
        int padLength = (block - (payload.length + 2) % block) % block;
        byte[] plain = new byte[payload.length + padLength + 2];
        System.arraycopy(payload, 0, plain, 0, payload.length);
        for (int i = 0; i < padLength; i++) {
            plain[payload.length + i] = (byte) (i + 1);
        }
        plain[plain.length - 2] = (byte) padLength;
        plain[plain.length - 1] = (byte) nextHeader;
        byte[] iv = new byte[suite.ivLength()];
        random.nextBytes(iv);   // RFC 3602 §2.3: unpredictable
        ByteBuffer esp = ByteBuffer.allocate(SPI_AND_SEQUENCE + iv.length + plain.length + suite.icvLength());
        esp.putInt((int) sa.outbound().spi()).putInt((int) sequence.getAsLong()).put(iv);
        esp.put(crypt(Cipher.ENCRYPT_MODE, sa.outbound(), iv, plain, suite));
        byte[] octets = esp.array();
        byte[] icv = icv(sa.outbound(), octets, esp.position(), suite);
        System.arraycopy(icv, 0, octets, esp.position(), icv.length);
        return Optional.of(octets);
    }

    private static byte[] icv(DirectionKeys keys, byte[] esp, int length, EspSuite suite) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(keys.authKey());
            mac.update(esp, 0, length);
            return Arrays.copyOf(mac.doFinal(), suite.icvLength());   // RFC 2404 §2: the first 96 bits
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    }

    private static byte[] crypt(int mode, DirectionKeys keys, byte[] esp, int ivAt, EspSuite suite, int length) {
        return crypt(mode, keys, Arrays.copyOfRange(esp, ivAt, ivAt + suite.ivLength()),
                Arrays.copyOfRange(esp, ivAt + suite.ivLength(), ivAt + suite.ivLength() + length), suite);
    }

    private static byte[] crypt(int mode, DirectionKeys keys, byte[] iv, byte[] input, EspSuite suite) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");   // ESP pads itself (§2.4)
            cipher.init(mode, keys.cipherKey(), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC failed on whole blocks with a checked key", e);
        }
    }
}
