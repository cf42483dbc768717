package net.homeagent.hacn.wire;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * One mobility binding record of the control node protocol (docs/protocols.md, "Control node"):
 * what the MBR snapshot keeps of a binding and what a redundant HA needs to rebuild it. Times
 * travel relative to the writer's clock (remaining lifetime, age, as RFC 5944 binding snapshots
 * carry them) because the HACN's and the HAs' clocks need not agree; a remaining lifetime errs
 * long by the transit, never short.
 */
public final class BindingRecords {

    /** Bytes of a record without its NAI. */
    static final int FIXED_BYTES = 43;
    /** The remaining lifetime of a binding that never expires. */
    private static final long NEVER = 0xFFFF_FFFFL;

    private BindingRecords() {
    }

    public static int size(Binding binding) {
        return FIXED_BYTES + nai(binding).length;
    }

    public static void write(DataOutput out, Binding b, Instant now) throws IOException {
        byte[] nai = nai(b);
        if (nai.length > 255) {
            throw new IllegalArgumentException("NAI of " + nai.length + " bytes");
        }
        long remaining = b.expiresAt().equals(Instant.MAX) ? NEVER : Math.min(b.remainingSeconds(now), NEVER - 1);
        long age = Math.max(0, Math.min(NEVER, now.getEpochSecond() - b.registeredAt().getEpochSecond()));
        for (var address : new java.net.Inet4Address[] {b.homeAddress(), b.careOfAddress(), b.homeAgent(),
                b.sourceAddress()}) {
            out.writeInt(Ipv4.toInt(address));
        }
        out.writeShort(b.sourcePort());
        out.writeInt(b.grantedLifetime());
        out.writeInt((int) remaining);
        out.writeInt((int) age);
        out.writeLong(b.identification());
        out.writeByte(b.flags());
        out.writeByte(b.encapsulation().ordinal());
        out.writeByte(b.innerEncapsulation().ordinal());
        out.writeByte(b.reverseTunnel() ? 1 : 0);
        out.writeByte(nai.length);
        out.write(nai);
    }

    public static Binding read(DataInput in, Instant now) throws IOException, MalformedHacnMessage {
        var home = Ipv4.of(in.readInt());
        var careOf = Ipv4.of(in.readInt());
        var homeAgent = Ipv4.of(in.readInt());
        var source = Ipv4.of(in.readInt());
        int port = in.readUnsignedShort();
        int granted = in.readInt();
        long remaining = in.readInt() & NEVER;
        long age = in.readInt() & NEVER;
        long identification = in.readLong();
        int flags = in.readUnsignedByte();
        Encapsulation outer = encapsulation(in.readUnsignedByte());
        Encapsulation inner = encapsulation(in.readUnsignedByte());
        int reverse = in.readUnsignedByte();
        if (granted < 0 || reverse > 1 || (outer == Encapsulation.UDP ? inner == Encapsulation.UDP
                : inner != Encapsulation.IP_IN_IP)) {
            throw new MalformedHacnMessage("binding record of " + home.getHostAddress());
        }
        byte[] nai = new byte[in.readUnsignedByte()];
        in.readFully(nai);
        Instant expires = remaining == NEVER ? Instant.MAX : now.plusSeconds(remaining);
        return new Binding(home, careOf, homeAgent, source, port,
                nai.length == 0 ? Optional.empty() : Optional.of(new String(nai, StandardCharsets.UTF_8)), granted,
                now.minusSeconds(age), expires, identification, flags, outer, reverse == 1, inner);
    }

    private static Encapsulation encapsulation(int code) throws MalformedHacnMessage {
        Encapsulation[] all = Encapsulation.values();
        if (code >= all.length) {
            throw new MalformedHacnMessage("encapsulation " + code);
        }
        return all[code];
    }

    private static byte[] nai(Binding b) {
        return b.nai().map(n -> n.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
    }
}
