package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryFieldOfEveryNode() throws IOException {
        AcknowledgementLedger ledger = new AcknowledgementLedger(3);
        ledger.sent(0, 1, 0xc612_0001, 65000);
        ledger.answered(0, true, 65000);
        ledger.sent(1, 1, 0xc612_0002, 0);
        ledger.answered(1, true, 0);
        ledger.sent(1, 2, 0xc612_0003, 600);
        ledger.timedOut(1);
        Path file = dir.resolve("ledger");
        LedgerFile.write(file, 0x0a80_0000, ledger, new int[] {4, 5, 6});
        assertThat(Files.size(file)).isEqualTo(4 + 1 + 4 + 4 + 3 * 18);

        LedgerFile.Contents read = LedgerFile.read(file);
        assertThat(read.homeBase()).isEqualTo(0x0a80_0000);
        assertThat(read.careOfGenerations()).containsExactly(4, 5, 6);
        AcknowledgementLedger back = read.ledger();
        assertThat(back.acknowledged(0)).isEqualTo(AcknowledgementLedger.REGISTERED);
        assertThat(back.acknowledgedCareOf(0)).isEqualTo(0xc612_0001);
        assertThat(back.acknowledgedLifetime(0)).isEqualTo(65000);
        assertThat(back.acknowledged(1)).isEqualTo(AcknowledgementLedger.DEREGISTERED);
        assertThat(back.unanswered(1)).isEqualTo(1);
        assertThat(back.unansweredCareOf(1)).isEqualTo(0xc612_0003);
        assertThat(back.unansweredLifetime(1)).isEqualTo(600);
        assertThat(back.acknowledged(2)).isEqualTo(AcknowledgementLedger.NEVER);
        assertThat(back.summary()).isEqualTo("1 registered, 1 deregistered, 1 never acknowledged; 1 with unanswered requests");
    }

    @Test
    void refusesATruncatedOrForeignFile() throws IOException {
        Path file = dir.resolve("ledger");
        LedgerFile.write(file, 0x0a80_0000, new AcknowledgementLedger(2), new int[2]);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> LedgerFile.read(file)).hasMessageContaining("truncated");
        Files.writeString(file, "MIPB and more");
        assertThatThrownBy(() -> LedgerFile.read(file)).hasMessageContaining("not a load generator ledger");
    }
}
