package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stat cache: what it lets Baton skip, and that nothing in it can make a wrong hit. */
class StatCacheTest {
  private static final String KEY = "b".repeat(64);
  private static final List<String> OUTPUTS = List.of("out/model.bin");

  @TempDir Path tmp;
  Path ws;
  Path root;
  CachePaths paths;

  @BeforeEach
  void workspace() throws Exception {
    ws = Files.createDirectories(tmp.resolve("ws"));
    root = CacheStore.rootFor(ws);
    paths = new CachePaths(ws);
    Files.createDirectories(ws.resolve("out"));
    Files.writeString(ws.resolve("out/model.bin"), "weights-v1");
  }

  /** A store as a new Baton process would open it: the stat cache read from disk. */
  private CacheStore freshStore() {
    return new CacheStore(root, FileDigests.under(root));
  }

  private CacheStore.Verified lookup(CacheStore store) {
    CacheStore.Lookup found = store.lookup(KEY);
    assertThat(found).isInstanceOf(CacheStore.Verified.class);
    return (CacheStore.Verified) found;
  }

  @Test
  void aStoredEntryIsVerifiedByANewProcessWithoutHashingItsFiles() throws Exception {
    CacheStore first = freshStore();
    assertThat(OutputSnapshot.store(paths, first, KEY, "train", OUTPUTS)).isTrue();
    first.digests().save();

    CacheStore second = freshStore();
    lookup(second);

    assertThat(second.digests().hashed()).isZero();
    assertThat(second.digests().skipped()).isEqualTo(1);
  }
}
