package net.homeagent.loadgen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * Writes the nodes' mobility security associations in the appliance's file format
 * (etc/mobility-security.conf): {@code <home-address> <spi> hmac-md5 0x<hex key> timestamp},
 * one per line, '#' comments. The file is created readable by its owner only, as the home agent
 * asks of a file holding keys.
 */
final class SecurityAssociationFileWriter {

    private SecurityAssociationFileWriter() {
    }

    static void write(MobileNodes nodes, Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            write(nodes, out);
        }
    }

    static void write(MobileNodes nodes, Writer out) throws IOException {
        HexFormat hex = HexFormat.of();
        out.write("# written by homeagent-loadgen: " + nodes.count() + " test associations; the keys derive from"
                + " the --key-seed, do not use them outside a lab\n");
        for (int node = 0; node < nodes.count(); node++) {
            out.write(nodes.homeAddress(node).getHostAddress() + " " + nodes.spi(node) + " hmac-md5 0x"
                    + hex.formatHex(nodes.key(node)) + " timestamp\n");
        }
    }
}
