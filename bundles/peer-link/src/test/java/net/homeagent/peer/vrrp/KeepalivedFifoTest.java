package net.homeagent.peer.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * The reader on a real FIFO, as keepalived writes it: lines of one writer, then the writer goes
 * (keepalived restarts) and a new one comes. The waits are bounds on a blocking queue, not timings.
 */
class KeepalivedFifoTest {

    @TempDir
    Path folder;

    @Test
    void followsTheFifoAcrossAWriterThatGoesAndComesBack() throws Exception {
        Path fifo = folder.resolve("keepalived.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        BlockingQueue<KeepalivedNotice> notices = new LinkedBlockingQueue<>();
        KeepalivedFifoReader reader = new KeepalivedFifoReader(fifo, "VI_HA", notices::add, name -> { },
                Clock.systemUTC(), "test");
        reader.start();

        write(fifo, "INSTANCE \"VI_HA\" FAULT 100\nINSTANCE \"VI_HA\" BACKUP 100\n");
        write(fifo, "INSTANCE \"VI_HA\" MASTER 100\n");

        assertThat(notices.poll(30, TimeUnit.SECONDS).state()).isEqualTo("FAULT");
        assertThat(notices.poll(30, TimeUnit.SECONDS).state()).isEqualTo("BACKUP");
        assertThat(notices.poll(30, TimeUnit.SECONDS).state()).isEqualTo("MASTER");
        reader.close();
        for (int i = 0; i < 300 && !reader.stopped(); i++) {
            Thread.sleep(100); // bounded wait for the thread to end, not a timing under test
        }
        assertThat(reader.stopped()).isTrue();
    }

    @Test
    void closingNeverWaitsForAReaderThatIsNotThere() throws Exception {
        Path fifo = folder.resolve("keepalived.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        KeepalivedFifoReader reader = new KeepalivedFifoReader(fifo, "VI_HA", notice -> {
        }, name -> { }, Clock.systemUTC(), "test");

        reader.close(); // never started: a blocking open for writing would hang here

        assertThat(reader.stopped()).isTrue();
    }

    /** One writer: opens the FIFO (blocks until the reader has it open), writes, closes. */
    private static void write(Path fifo, String lines) throws Exception {
        try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
            out.write(lines.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
