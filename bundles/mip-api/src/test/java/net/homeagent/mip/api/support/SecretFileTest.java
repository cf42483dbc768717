package net.homeagent.mip.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path folder;

    @Test
    void changedUntilReadThenOnlyWhenTheFileChanges() throws IOException {
        Path path = Files.writeString(folder.resolve("keys.conf"), "1 0x00");
        SecretFile file = new SecretFile(path);
        assertThat(file.changed()).as("never read").isTrue();
        String read = file.read(Files::readString);
        assertThat(read).isEqualTo("1 0x00");
        assertThat(file.changed()).isFalse();

        Files.writeString(path, "1 0x0011");
        assertThat(file.changed()).as("another size").isTrue();
        file.read(Files::readString);
        FileTime before = Files.getLastModifiedTime(path);
        Files.writeString(path, "2 0x0011");
        Files.setLastModifiedTime(path, before);
        assertThat(file.changed()).as("same size and time: the same version, not read again").isFalse();
    }

    @Test
    void aFileRenamedOverItWithTheSameSizeAndTimeIsANewVersion() throws IOException {
        Path path = Files.writeString(folder.resolve("keys.conf"), "1 0x00");
        SecretFile file = new SecretFile(path);
        file.read(Files::readString);
        Path replacement = Files.writeString(folder.resolve("keys.conf.new"), "2 0x00");
        Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(path));
        Files.move(replacement, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(file.changed()).as("another inode").isTrue();
    }

    @Test
    void aMissingFileIsAVersionAndAFailedReadCountsAsRead() throws IOException {
        Path path = folder.resolve("keys.conf");
        SecretFile file = new SecretFile(path);
        assertThatThrownBy(() -> file.read(Files::readString)).isInstanceOf(NoSuchFileException.class);
        assertThat(file.changed()).as("still missing: not read again every poll").isFalse();
        Files.writeString(path, "1 0x00");
        assertThat(file.changed()).as("it came").isTrue();
        file.read(Files::readString);
        Files.delete(path);
        assertThat(file.changed()).as("it went").isTrue();
    }

    @Test
    void othersMayReadUnlessTheModeIsTheOwnersOnly() throws IOException {
        Path path = Files.writeString(folder.resolve("keys.conf"), "1 0x00");
        SecretFile file = new SecretFile(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        assertThat(file.othersMayRead()).isEmpty();
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(file.othersMayRead()).hasValue(path + " holds secret keys but is mode rw-r-----: chmod 600");
    }

    @Test
    void theWatchKeepsPollingAfterACheckThatThrew() throws InterruptedException {
        SecretFile file = new SecretFile(folder.resolve("keys.conf"));
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch secondCheck = new CountDownLatch(2);
        AtomicInteger failures = new AtomicInteger();
        ScheduledExecutorService watch = file.watch("keys-watch", () -> {
            checks.incrementAndGet();
            secondCheck.countDown();
            throw new IllegalStateException("a broken check");
        }, e -> failures.incrementAndGet());
        try {
            assertThat(secondCheck.await(3 * SecretFile.POLL_SECONDS + 5, TimeUnit.SECONDS)).isTrue();
            assertThat(failures.get()).isGreaterThanOrEqualTo(1);
        } finally {
            watch.shutdownNow();
        }
    }
}
