package net.homeagent.mip6.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip6.Addresses;

class BindingCacheJournalTest {

    private static final String FILE = "mip6-bindings.journal";

    @TempDir
    Path folder;

    private static Mip6Binding binding(int host, int sequence, long expiresAt) {
        return new Mip6Binding(Addresses.inPrefix(0x100, host), Addresses.inPrefix(0xa1, host), sequence, 600,
                expiresAt, Mip6Binding.Origin.REGISTERED);
    }

    @Test
    void whatWasWrittenComesBackRestoredTheLastChangeOfEachHomeAddressWinning() throws IOException {
        try (BindingCacheJournal journal = BindingCacheJournal.open(folder, FILE, 0).journal()) {
            journal.put(binding(1, 1, 10_000));
            journal.put(binding(2, 1, 10_000));
            journal.put(binding(1, 2, 20_000));
            journal.put(binding(3, 65_535, 10_000));
            journal.remove(Addresses.inPrefix(0x100, 2));
        }
        BindingCacheJournal.Opened opened = BindingCacheJournal.open(folder, FILE, 5_000);
        opened.journal().close();
        assertThat(opened.live()).containsExactlyInAnyOrder(binding(1, 2, 20_000).restored(),
                binding(3, 65_535, 10_000).restored());
        assertThat(opened.expired()).isZero();
        assertThat(opened.damagedBytes()).isZero();
    }

    @Test
    void whatExpiredWhileDownIsDroppedAndTheFileRewrittenWithTheLiveOnly() throws IOException {
        try (BindingCacheJournal journal = BindingCacheJournal.open(folder, FILE, 0).journal()) {
            for (int i = 0; i < 10; i++) {
                journal.put(binding(1, i, 10_000));
            }
            journal.put(binding(2, 1, 3_000));
        }
        BindingCacheJournal.Opened opened = BindingCacheJournal.open(folder, FILE, 5_000);
        assertThat(opened.live()).containsExactly(binding(1, 9, 10_000).restored());
        assertThat(opened.expired()).isEqualTo(1);
        assertThat(opened.journal().size())
                .isEqualTo(BindingCacheJournal.MAGIC.length + BindingCacheJournal.RECORD);
        opened.journal().close();
    }

    @Test
    void aRecordCutByACrashIsDroppedAndWhatCameBeforeKept() throws IOException {
        try (BindingCacheJournal journal = BindingCacheJournal.open(folder, FILE, 0).journal()) {
            journal.put(binding(1, 1, 10_000));
            journal.put(binding(2, 1, 10_000));
        }
        Path file = folder.resolve(FILE);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        BindingCacheJournal.Opened opened = BindingCacheJournal.open(folder, FILE, 0);
        opened.journal().close();
        assertThat(opened.live()).containsExactly(binding(1, 1, 10_000).restored());
        assertThat(opened.damagedBytes()).isEqualTo(BindingCacheJournal.RECORD - 7);
    }

    @Test
    void aDamagedRecordEndsTheReading() throws IOException {
        try (BindingCacheJournal journal = BindingCacheJournal.open(folder, FILE, 0).journal()) {
            journal.put(binding(1, 1, 10_000));
            journal.put(binding(2, 1, 10_000));
            journal.put(binding(3, 1, 10_000));
        }
        Path file = folder.resolve(FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[BindingCacheJournal.MAGIC.length + BindingCacheJournal.RECORD + 20] ^= 1;
        Files.write(file, bytes);
        BindingCacheJournal.Opened opened = BindingCacheJournal.open(folder, FILE, 0);
        opened.journal().close();
        assertThat(opened.live()).containsExactly(binding(1, 1, 10_000).restored());
        assertThat(opened.damagedBytes()).isEqualTo(2L * BindingCacheJournal.RECORD);
    }

    @Test
    void aFileThatIsNoBackupIsRefusedNotOverwritten() throws IOException {
        Path file = folder.resolve(FILE);
        Files.writeString(file, "something else entirely", StandardOpenOption.CREATE);
        assertThatThrownBy(() -> BindingCacheJournal.open(folder, FILE, 0)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an IPv6 binding cache backup");
        assertThat(Files.readString(file)).isEqualTo("something else entirely");
    }

    @Test
    void theCacheWritesTheBackupFirstAndKeepsMemoryWhenTheWriteFails() throws IOException {
        boolean[] failing = {false};
        CacheBackup flaky = new CacheBackup() {
            @Override
            public void put(Mip6Binding binding) throws IOException {
                if (failing[0]) {
                    throw new IOException("disk full");
                }
            }

            @Override
            public void remove(java.net.Inet6Address homeAddress) throws IOException {
                if (failing[0]) {
                    throw new IOException("disk full");
                }
            }
        };
        BindingCache cache = new BindingCache(flaky);
        cache.put(binding(1, 1, 10_000));
        failing[0] = true;
        assertThatThrownBy(() -> cache.put(binding(1, 2, 10_000))).hasMessage("disk full");
        assertThatThrownBy(() -> cache.remove(Addresses.inPrefix(0x100, 1))).hasMessage("disk full");
        assertThat(cache.get(Addresses.inPrefix(0x100, 1))).contains(binding(1, 1, 10_000));
    }

    @Test
    void recoveryDeletesARestoredEntryUnlessAnUpdateReplacedIt() throws IOException {
        BindingCacheJournal.Opened opened = BindingCacheJournal.open(folder, FILE, 0);
        BindingCache cache = new BindingCache(opened.journal());
        Mip6Binding restored = binding(1, 1, 10_000).restored();
        Mip6Binding heldBack = binding(3, 1, 10_000).restored();
        opened.journal().put(heldBack);   // in the backup, not in memory (restored without forwarding)
        cache.restore(java.util.List.of(restored, binding(2, 1, 10_000).restored()));
        cache.put(binding(2, 2, 10_000));
        assertThat(cache.deleteRestored(restored)).isTrue();
        assertThat(cache.deleteRestored(binding(2, 1, 10_000).restored())).as("replaced by an update").isFalse();
        assertThat(cache.deleteRestored(heldBack)).isTrue();
        assertThat(cache.list()).containsExactly(binding(2, 2, 10_000));
        opened.journal().close();
        BindingCacheJournal.Opened again = BindingCacheJournal.open(folder, FILE, 0);
        again.journal().close();
        assertThat(again.live()).containsExactly(binding(2, 2, 10_000).restored());
    }

    @Test
    void expiryRemovesWhatRanOutInOrderOfHomeAddressTheRestStays() throws IOException {
        BindingCache cache = new BindingCache(CacheBackup.NONE);
        cache.put(binding(2, 1, 1_000));
        cache.put(binding(1, 1, 2_000));
        cache.put(binding(3, 1, 1_000));
        assertThat(cache.list()).extracting(Mip6Binding::homeAddress).containsExactly(Addresses.inPrefix(0x100, 1),
                Addresses.inPrefix(0x100, 2), Addresses.inPrefix(0x100, 3));
        assertThat(cache.expireDue(999)).isEmpty();
        assertThat(cache.expireDue(1_000)).hasSize(2);
        assertThat(cache.list()).containsExactly(binding(1, 1, 2_000));
    }
}
