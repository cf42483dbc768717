package net.homeagent.dataplane.packet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.homeagent.mip.api.Encapsulation;

/**
 * Reverse-tunnelled datagrams made by the forwarder's own {@link Encapsulator}: an ICMP echo from
 * the home address wrapped by the mobile node at its care-of address in IP in IP, GRE (with key)
 * and minimal encapsulation, the seed corpus of {@link DecapsulatorFuzzTest}, written out by
 * {@link #main} (tools/fuzz/write-seeds.sh).
 */
final class TunnelledSeeds {

    private TunnelledSeeds() {
    }

    static List<byte[]> all() {
        List<byte[]> seeds = new ArrayList<>();
        for (Encapsulation encapsulation : List.of(Encapsulation.IP_IN_IP, Encapsulation.GRE, Encapsulation.MINIMAL)) {
            ByteBuffer inner = Packets.echo(Packets.HOME, Packets.CORRESPONDENT, 32, false);
            ByteBuffer out = ByteBuffer.allocate(256);
            TunnelEndpoint fromMobile = new TunnelEndpoint(encapsulation, Packets.CARE_OF, Packets.HOME_AGENT,
                    Packets.HOME, 0, 0, 0, true, Encapsulation.IP_IN_IP);
            int length = Encapsulator.encapsulate(inner, 0, inner.limit(), fromMobile, out, 0);
            seeds.add(Packets.bytes(out, 0, length));
        }
        return seeds;
    }

    /** Writes the seeds as {@code seed-<n>} files into the folder given (the target's inputs folder). */
    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]));
        List<byte[]> seeds = all();
        for (int i = 0; i < seeds.size(); i++) {
            Files.write(folder.resolve("seed-" + i), seeds.get(i));
        }
    }
}
