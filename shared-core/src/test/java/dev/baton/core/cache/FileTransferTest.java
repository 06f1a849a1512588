package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How files go into an entry and back: a reflink exactly where the file system can clone (asked of
 * {@code cp --reflink=always}, independently), else a copy; a hard link only when asked for. Run on
 * the temporary directory's file system and on {@code /dev/shm} (tmpfs) where there is one.
 */
class FileTransferTest {
  private static final String KEY = "c".repeat(64);
  private static final List<String> OUTPUTS = List.of("out/model.bin");

  @TempDir Path tmp;
  private final List<Path> made = new ArrayList<>();

  @AfterEach
  void removeWhatWasMadeOutsideTheTemporaryDirectory() {
    made.forEach(CacheStore::deleteTree);
  }

  private List<Path> fileSystems() throws Exception {
    List<Path> out = new ArrayList<>(List.of(tmp));
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      Path dir = Files.createTempDirectory(shm, "baton-transfer-");
      made.add(dir);
      out.add(dir);
    }
    return out;
  }

  /** Whether coreutils can clone a file there. */
  private static boolean canClone(Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("probe-a"), "x");
    Path b = dir.resolve("probe-b");
    Process p =
        new ProcessBuilder("cp", "--reflink=always", a.toString(), b.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    boolean cloned = p.waitFor() == 0;
    Files.deleteIfExists(a);
    Files.deleteIfExists(b);
    return cloned;
  }

  private static Path workspace(Path dir) throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Files.createDirectories(ws.resolve("out"));
    Files.writeString(ws.resolve("out/model.bin"), "weights-v1");
    return ws;
  }

  @Test
  void restoresByReflinkWhereTheFileSystemClonesElseByCopyNeverByLinkUnlessAsked()
      throws Exception {
    for (Path dir : fileSystems()) {
      Path ws = workspace(dir);
      CachePaths paths = new CachePaths(ws);
      CacheStore store = new CacheStore(CacheStore.rootFor(ws));
      assertThat(OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS)).isTrue();
      Files.delete(ws.resolve("out/model.bin"));
      CacheStore.Verified v = (CacheStore.Verified) store.lookup(KEY);

      OutputRestore.Summary done =
          OutputRestore.restore(paths, v.dir(), v.manifest(), OUTPUTS, store.digests(), false);

      FileTransfer expected = canClone(dir) ? FileTransfer.REFLINK : FileTransfer.COPY;
      assertThat(done.files()).as(dir.toString()).isEqualTo(Map.of(expected, 1));
      assertThat(Files.readString(ws.resolve("out/model.bin"))).isEqualTo("weights-v1");
      assertThat(inode(ws.resolve("out/model.bin")))
          .isNotEqualTo(inode(v.dir().resolve("files/0")));
    }
  }

  @Test
  void whenAskedForLinksOutputsAreStoredAndRestoredAsReadOnlyLinksUnlessTheFileSystemClones()
      throws Exception {
    for (Path dir : fileSystems()) {
      Path ws = workspace(dir);
      CachePaths paths = new CachePaths(ws);
      CacheStore store = new CacheStore(CacheStore.rootFor(ws));
      Path model = ws.resolve("out/model.bin");
      assertThat(OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS, true, new byte[0]))
          .isTrue();
      Path blob = ((CacheStore.Verified) store.lookup(KEY)).dir().resolve("files/0");
      boolean clones = canClone(dir);
      assertThat(inode(model) == inode(blob)).as(dir.toString()).isEqualTo(!clones);

      // Deleting a linked output changes the entry file's link count, so its change time: the
      // next lookup hashes it again, once.
      Files.delete(model);
      CacheStore.Verified v = (CacheStore.Verified) store.lookup(KEY);
      OutputRestore.Summary done =
          OutputRestore.restore(paths, v.dir(), v.manifest(), OUTPUTS, store.digests(), true);

      FileTransfer expected = clones ? FileTransfer.REFLINK : FileTransfer.HARDLINK;
      assertThat(done.files()).as(dir.toString()).isEqualTo(Map.of(expected, 1));
      assertThat(Files.readString(model)).isEqualTo("weights-v1");
      if (!clones) {
        assertThat(inode(model)).isEqualTo(inode(blob));
        assertThat(FileModes.of(model)).doesNotContain("w");
      }
      long hashed = store.digests().hashed();
      assertThat(store.lookup(KEY)).isInstanceOf(CacheStore.Verified.class);
      assertThat(
              OutputRestore.restore(paths, v.dir(), v.manifest(), OUTPUTS, store.digests(), true)
                  .outputsInPlace())
          .isEqualTo(1);
      assertThat(store.digests().hashed())
          .as("nothing hashed again after the restore, on " + dir)
          .isEqualTo(hashed);
    }
  }

  static long inode(Path p) throws Exception {
    return (Long) Files.getAttribute(p, "unix:ino");
  }
}
