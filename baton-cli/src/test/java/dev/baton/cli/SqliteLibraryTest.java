package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's native library kept unpacked once: made under a directory named by the jar entry, used
 * again as it is, replaced when damaged, and not used at all when the cache cannot be written.
 */
class SqliteLibraryTest {
  @TempDir Path cache;

  @Test
  void theLibraryIsUnpackedOnceAndUsedAgain() throws Exception {
    Path first = SqliteLibrary.kept(cache);
    assertThat(first).isNotNull().isRegularFile();
    assertThat(first.getFileName().toString()).isEqualTo("libsqlitejdbc.so");
    assertThat(first.getParent().getFileName().toString()).matches("[0-9a-f]+-\\d+");
    long modified = Files.getLastModifiedTime(first).toMillis();

    Path again = SqliteLibrary.kept(cache);

    assertThat(again).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(again).toMillis()).isEqualTo(modified);
    try (Stream<Path> left = Files.list(first.getParent())) {
      assertThat(left).containsExactly(first); // no .part file left behind
    }
  }

  @Test
  void aDamagedCopyIsReplacedBeforeUse() throws Exception {
    Path kept = SqliteLibrary.kept(cache);
    byte[] good = Files.readAllBytes(kept);
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 0x5a; // same size, other content
    Files.write(kept, bad);

    Path again = SqliteLibrary.kept(cache);

    assertThat(again).isEqualTo(kept);
    assertThat(Files.readAllBytes(again)).isEqualTo(good);
  }

  @Test
  void aCacheThatCannotBeWrittenLeavesTheDriverToUnpackAsUsual() throws Exception {
    Path blocked = cache.resolve("a-file");
    Files.writeString(blocked, "not a directory");

    assertThat(SqliteLibrary.cacheRoot(Map.of("XDG_CACHE_HOME", cache.toString())))
        .isEqualTo(cache.resolve("baton/sqlite"));
    assertThatThrownBy(() -> SqliteLibrary.kept(blocked))
        .isInstanceOf(IOException.class); // prepare() then leaves the driver's own path
  }
}
