package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores, verifies and restores entries with real files, including damaged ones and escapes. */
class CacheStoreTest {
  private static final String KEY = "ab".repeat(32);
  private static final List<String> OUTPUTS = List.of("out/model/", "out/metrics.json");

  @TempDir Path tmp;
  Path ws;
  CachePaths paths;
  CacheStore store;

  @BeforeEach
  void workspace() throws Exception {
    ws = Files.createDirectories(tmp.resolve("ws"));
    paths = new CachePaths(ws);
    store = new CacheStore(CacheStore.rootFor(ws));
    write("out/model/weights.bin", "weights-v1");
    write("out/model/sub/config.txt", "config");
    write("out/metrics.json", "{\"acc\": 0.9}");
    Files.setPosixFilePermissions(
        ws.resolve("out/model/sub/config.txt"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(ws.resolve("out/model/latest"), Path.of("weights.bin"));
  }

  private void write(String rel, String content) throws Exception {
    Files.createDirectories(ws.resolve(rel).getParent());
    Files.writeString(ws.resolve(rel), content);
  }

  private String read(String rel) throws Exception {
    return Files.readString(ws.resolve(rel));
  }

  private CacheStore.Verified storedAndVerified() throws Exception {
    assertThat(OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS)).isTrue();
    CacheStore.Lookup found = store.lookup(KEY);
    assertThat(found).isInstanceOf(CacheStore.Verified.class);
    return (CacheStore.Verified) found;
  }

  private void restore(CacheStore.Verified v) throws CacheException {
    OutputRestore.restore(paths, v.dir(), v.manifest(), OUTPUTS);
  }

  @Test
  void storesAtomicallyAndRestoresFilesDirectoriesLinksAndModes() throws Exception {
    CacheStore.Verified v = storedAndVerified();
    try (Stream<Path> left = Files.list(CacheStore.rootFor(ws))) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly(KEY);
    }
    write("out/model/weights.bin", "changed");
    write("out/model/stale.txt", "a file the step would not have made");
    Files.delete(ws.resolve("out/metrics.json"));

    restore(v);

    assertThat(read("out/model/weights.bin")).isEqualTo("weights-v1");
    assertThat(read("out/model/sub/config.txt")).isEqualTo("config");
    assertThat(read("out/metrics.json")).isEqualTo("{\"acc\": 0.9}");
    assertThat(ws.resolve("out/model/stale.txt")).doesNotExist();
    assertThat(Files.readSymbolicLink(ws.resolve("out/model/latest")))
        .isEqualTo(Path.of("weights.bin"));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(ws.resolve("out/model/sub/config.txt"))))
        .isEqualTo("rwxr-x---");
    try (Stream<Path> siblings = Files.list(ws.resolve("out"))) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("model", "metrics.json");
    }
  }

  @Test
  void temporaryDirectoriesAKilledBatonLeftAreRemovedByTheNextStoreAndLiveOnesKept()
      throws Exception {
    Path root = Files.createDirectories(CacheStore.rootFor(ws));
    Process killed = new ProcessBuilder("sleep", "60").start();
    String killedOwner = StagingDirs.owner(killed.toHandle());
    killed.destroyForcibly().waitFor();
    long me = ProcessHandle.current().pid();
    Path left =
        Files.createDirectories(root.resolve(".tmp-" + killedOwner + "-" + KEY + "-a/files"));
    Files.writeString(left.resolve("half-copied.bin"), "x");
    Path reusedPid = Files.createDirectory(root.resolve(".tmp-" + me + ".1-" + KEY + "-b"));
    Path trash = Files.createDirectories(root.resolve(".trash-c/files"));
    Path oldUnowned = Files.createDirectory(root.resolve(".tmp-" + KEY + "-d"));
    Files.setLastModifiedTime(oldUnowned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path freshUnowned = Files.createDirectory(root.resolve(".tmp-" + KEY + "-e"));
    Path live = Files.createDirectory(root.resolve(StagingDirs.newName(KEY)));

    storedAndVerified();

    assertThat(root.resolve(".tmp-" + killedOwner + "-" + KEY + "-a")).doesNotExist();
    assertThat(reusedPid).doesNotExist();
    assertThat(root.resolve(".trash-c")).doesNotExist();
    assertThat(oldUnowned).doesNotExist();
    assertThat(freshUnowned).exists();
    assertThat(live).exists();
  }

  @Test
  void aSecondPublisherOfTheSameKeyLosesQuietly() throws Exception {
    storedAndVerified();
    write("out/metrics.json", "{\"acc\": 0.5}");
    assertThat(OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS)).isFalse();
    CacheStore.Verified kept = (CacheStore.Verified) store.lookup(KEY);
    restore(kept);
    assertThat(read("out/metrics.json")).isEqualTo("{\"acc\": 0.9}");
    try (Stream<Path> left = Files.list(CacheStore.rootFor(ws))) {
      assertThat(left).hasSize(1);
    }
  }

  @Test
  void aFlippedByteDiscardsTheEntry() throws Exception {
    CacheStore.Verified v = storedAndVerified();
    CacheManifest.Item weights =
        v.manifest().items().stream()
            .filter(i -> i.path().equals("out/model/weights.bin"))
            .findFirst()
            .orElseThrow();
    Path blob = v.dir().resolve("files").resolve(weights.blob());
    byte[] bytes = Files.readAllBytes(blob);
    bytes[3] ^= 0x01;
    Files.write(blob, bytes);

    CacheStore.Lookup found = store.lookup(KEY);

    assertThat(found).isInstanceOf(CacheStore.Discarded.class);
    assertThat(((CacheStore.Discarded) found).reason())
        .contains("out/model/weights.bin")
        .contains("checksum");
    assertThat(store.entry(KEY)).doesNotExist();
    assertThat(store.lookup(KEY)).isInstanceOf(CacheStore.Absent.class);
  }

  @Test
  void aDeletedOrEditedManifestDiscardsTheEntry() throws Exception {
    CacheStore.Verified v = storedAndVerified();
    Files.writeString(
        v.dir().resolve("manifest.txt"),
        Files.readString(v.dir().resolve("manifest.txt")).replace("train", "trian"));
    assertThat(store.lookup(KEY)).isInstanceOf(CacheStore.Discarded.class);

    CacheStore.Verified again = storedAndVerified();
    String blob =
        again.manifest().items().stream()
            .filter(i -> i.type().equals("file"))
            .findFirst()
            .orElseThrow()
            .blob();
    Files.delete(again.dir().resolve("files").resolve(blob));
    assertThat(store.lookup(KEY))
        .isInstanceOf(CacheStore.Discarded.class)
        .asString()
        .contains("cannot be read");
  }

  @Test
  void aDirectoryWhereAFileBelongsMakesTheRestoreFail() throws Exception {
    CacheStore.Verified v = storedAndVerified();
    Files.delete(ws.resolve("out/metrics.json"));
    write("out/metrics.json/inside.txt", "x");
    assertThatThrownBy(() -> restore(v))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("out/metrics.json")
        .hasMessageContaining("directory");
  }

  @Test
  void aReadOnlyDirectoryMakesTheRestoreFail() throws Exception {
    CacheStore.Verified v = storedAndVerified();
    Path out = ws.resolve("out");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
    // Root (as in CI) writes through permission bits; the immutable attribute stops root too.
    boolean immutable = Files.isWritable(out) && chattr("+i", out);
    try {
      RequiredTool.cannotRunHere(
          !Files.isWritable(out) || immutable,
          "running as root on a file system without chattr +i: nothing makes "
              + out
              + " read-only");
      assertThatThrownBy(() -> restore(v)).isInstanceOf(CacheException.class);
    } finally {
      if (immutable) {
        chattr("-i", out);
      }
      Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** Sets or clears a file attribute; false where chattr or the file system lacks it. */
  private static boolean chattr(String change, Path file) throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder("chattr", change, file.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void anUnproducedOutputIsNamed() throws Exception {
    Files.delete(ws.resolve("out/metrics.json"));
    assertThatThrownBy(() -> OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("did not produce its declared output 'out/metrics.json'");
    assertThat(store.entry(KEY)).doesNotExist();
  }

  @Test
  void pathsLeavingTheWorkspaceAreRejected() {
    assertThatThrownBy(() -> paths.resolve("../x", false)).hasMessageContaining("leaves");
    assertThatThrownBy(() -> paths.resolve("out/../../x", false)).hasMessageContaining("leaves");
    assertThatThrownBy(() -> paths.resolve(tmp.resolve("abs").toString(), false))
        .hasMessageContaining("absolute");
  }

  @Test
  void aLinkToASiblingWhoseNameStartsLikeTheWorkspaceIsOutside() throws Exception {
    // "ws" is a string prefix of "wsnot"; as paths, wsnot is not inside ws.
    Path outside = Files.createDirectories(tmp.resolve("wsnot"));
    Files.writeString(outside.resolve("secret"), "s");
    Files.createSymbolicLink(ws.resolve("out/model/leak"), Path.of("../../../wsnot/secret"));
    assertThatThrownBy(() -> OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("out/model/leak")
        .hasMessageContaining("outside the workspace");
    assertThat(store.entry(KEY)).doesNotExist();
  }

  @Test
  void anOutputThatIsALinkOutOfTheWorkspaceIsRejected() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(outside.resolve("m.json"), "{}");
    Files.delete(ws.resolve("out/metrics.json"));
    Files.createSymbolicLink(ws.resolve("out/metrics.json"), outside.resolve("m.json"));
    assertThatThrownBy(() -> OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS))
        .hasMessageContaining("outside the workspace");
  }

  @Test
  void aDirectoryTurnedIntoALinkOutAfterTheRunIsNotRestoredThrough() throws Exception {
    CacheStore.Verified v = storedAndVerified();
    Path outside = Files.createDirectories(tmp.resolve("wsnot"));
    CacheStore.deleteTree(ws.resolve("out"));
    Files.createSymbolicLink(ws.resolve("out"), outside);

    assertThatThrownBy(() -> restore(v))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("symbolic link");
    try (Stream<Path> written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
  }
}
