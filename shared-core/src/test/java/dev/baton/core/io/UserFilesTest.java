package dev.baton.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of files a user names: regular files up to a bound, or a clear refusal. */
class UserFilesTest {
  @TempDir Path dir;

  @Test
  void refusesAFifoWithoutOpeningIt() throws Exception {
    Path fifo = SpecialFiles.fifo(dir.resolve("metrics.json"));
    FileRefusedException e = refused(fifo, 1024);
    assertThat(e.problem()).isEqualTo("is a FIFO (named pipe), not a regular file");
    assertThat(e.getMessage())
        .isEqualTo(
            fifo
                + " is a FIFO (named pipe), not a regular file; give the test file as a"
                + " regular file");
  }

  @Test
  void refusesEndlessDevicesAndDirectories() throws Exception {
    assertThat(refused(Path.of("/dev/zero"), 1024).problem())
        .isEqualTo("is a character device, not a regular file");
    assertThat(refused(Path.of("/dev/urandom"), 1024).problem())
        .isEqualTo("is a character device, not a regular file");
    assertThat(refused(dir, 1024).problem()).isEqualTo("is a directory, not a regular file");
  }

  @Test
  void followsALinkAndJudgesWhatItPointsTo() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("secret"), Path.of("/dev/zero"));
    assertThat(refused(link, 1024).problem()).contains("character device");
  }

  @Test
  void refusesAFileOverTheBoundNamingTheBound() throws Exception {
    Path big = Files.write(dir.resolve("big"), new byte[2049]);
    FileRefusedException e = refused(big, 2 * UserFiles.KiB);
    assertThat(e.problem()).isEqualTo("is larger than 2 KiB, the most Baton reads for a test file");
    assertThat(e.fix()).contains("check the path");
  }

  @Test
  void boundsWhatItReadsEvenWhenTheSizeSaysLess() throws Exception {
    // Files in /proc report size 0 and still have content: the bound holds on what is read.
    Path status = Path.of("/proc/self/status");
    if (Files.isRegularFile(status)) {
      assertThat(refused(status, 10).problem()).startsWith("is larger than 10 bytes");
    }
  }

  @Test
  void readsARegularFileUpToTheBoundExactly() throws Exception {
    Path f = Files.writeString(dir.resolve("ok"), "é1234");
    assertThat(UserFiles.readText(f, "test file", 6)).isEqualTo("é1234");
  }

  @Test
  void refusesTextThatIsNotUtf8() throws Exception {
    Path f = Files.write(dir.resolve("latin1"), new byte[] {'a', (byte) 0xe9});
    FileRefusedException e =
        catchThrowableOfType(
            () -> UserFiles.readText(f, "test file", 100), FileRefusedException.class);
    assertThat(e.problem()).isEqualTo("is not UTF-8 text");
    assertThat(e.fix()).isEqualTo("save the test file as UTF-8 text");
  }

  private static FileRefusedException refused(Path file, long max) {
    FileRefusedException e =
        catchThrowableOfType(
            () -> UserFiles.readBytes(file, "test file", max), FileRefusedException.class);
    assertThat(e).as("%s refused", file).isNotNull();
    assertThat(e.file()).isEqualTo(file);
    return e;
  }
}
