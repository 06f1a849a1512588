package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

  @Test
  void anUnchangedFileIsReadOnceAndAnEditedOneAgain() throws Exception {
    Path input = ws.resolve("data.csv");
    Files.writeString(input, "a,b\n1,2\n");
    FileDigests digests = FileDigests.under(root);
    String first = digests.sha256(input);
    assertThat(digests.sha256(input)).isEqualTo(first);
    assertThat(digests.hashed()).isEqualTo(1);
    assertThat(digests.skipped()).isEqualTo(1);

    Files.writeString(input, "a,b\n1,3\n"); // same size, new content
    assertThat(digests.sha256(input)).isEqualTo(Sha256.of(input)).isNotEqualTo(first);
    assertThat(digests.hashed()).isEqualTo(2);
  }

  @Test
  void aTornEditedForeignOrGarbledStatCacheIsIgnoredAndTheFilesHashedAgain() throws Exception {
    CacheStore first = freshStore();
    assertThat(OutputSnapshot.store(paths, first, KEY, "train", OUTPUTS)).isTrue();
    first.digests().save();
    Path file = ws.resolve(".baton/cache-state").resolve(StatCache.FILE);
    String good = Files.readString(file);
    String digest = Sha256.of(Files.readAllBytes(ws.resolve("out/model.bin")));
    String wrong = "0".repeat(64);
    List<String> bad =
        List.of(
            good.substring(0, good.length() / 2), // torn
            good.replace(digest, wrong), // a record edited: the checksum no longer matches
            resum(good.replace(digest, wrong).replace(root.toString(), "/elsewhere/.baton/cache")),
            good.replace("\t", " "),
            "",
            "\u0000\u0000\u0000");
    for (String text : bad) {
      Files.writeString(file, text);
      CacheStore store = freshStore();
      assertThat(store.lookup(KEY)).isInstanceOf(CacheStore.Verified.class);
      assertThat(store.digests().hashed()).as(text).isEqualTo(1);
      assertThat(store.digests().skipped()).isZero();
    }
  }

  @Test
  void aStoredFileWrittenAgainInPlaceIsHashedAgainAndItsEntryDiscarded() throws Exception {
    CacheStore first = freshStore();
    assertThat(OutputSnapshot.store(paths, first, KEY, "train", OUTPUTS)).isTrue();
    first.digests().save();
    Path blob = lookup(freshStore()).dir().resolve("files/0");
    Files.writeString(blob, "weights-v2"); // same size

    CacheStore second = freshStore();
    assertThat(second.lookup(KEY)).isInstanceOf(CacheStore.Discarded.class);
    assertThat(second.digests().hashed()).isEqualTo(1);
  }

  @Test
  void aReRunFindsTheOutputInPlaceAndWritesNothing() throws Exception {
    CacheStore first = freshStore();
    assertThat(OutputSnapshot.store(paths, first, KEY, "train", OUTPUTS)).isTrue();
    first.digests().save();
    FileStat before = FileStat.of(ws.resolve("out/model.bin")).orElseThrow();

    CacheStore second = freshStore();
    CacheStore.Verified v = lookup(second);
    OutputRestore.Summary done =
        OutputRestore.restore(paths, v.dir(), v.manifest(), OUTPUTS, second.digests(), false);

    assertThat(done.outputsInPlace()).isEqualTo(1);
    assertThat(done.files()).isEmpty();
    assertThat(second.digests().hashed()).isZero();
    assertThat(FileStat.of(ws.resolve("out/model.bin"))).contains(before);
  }

  @Test
  void theFileSystemClockPassesAFileWrittenBeforeButNeverOneFromTheFuture() throws Exception {
    FsClock clock = new FsClock(ws.resolve(".baton/cache-state"));
    FileStat now = clock.now().orElseThrow();
    FileStat past =
        new FileStat(
            now.dev(), 1, 1, now.mtimeNs() - 10_000_000_000L, now.ctimeNs() - 10_000_000_000L);
    FileStat future =
        new FileStat(now.dev(), 1, 1, now.mtimeNs(), now.ctimeNs() + 3_600_000_000_000L);
    FileStat otherDevice = new FileStat(now.dev() + 1, 1, 1, now.mtimeNs(), now.ctimeNs() - 1);

    assertThat(clock.tickedPast(past)).isTrue();
    assertThat(clock.tickedPast(future)).isFalse();
    assertThat(clock.tickedPast(otherDevice)).isFalse();
  }

  /** The stat cache text with its checksum line made right again. */
  private static String resum(String text) {
    String body = text.substring(0, text.lastIndexOf("sum\t"));
    return body + "sum\t" + Sha256.of(body.getBytes(StandardCharsets.UTF_8)) + "\n";
  }
}
