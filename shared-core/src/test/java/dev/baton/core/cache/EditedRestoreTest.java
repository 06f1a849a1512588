package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user editing a restored output in place never changes what the cache serves: by default the
 * restored file is a copy or reflink, independent of the entry; with hard links asked for, the edit
 * reaches the entry's file, and the next lookup finds it by its checksum and discards the entry.
 */
class EditedRestoreTest {
  private static final String KEY = "d".repeat(64);
  private static final List<String> OUTPUTS = List.of("out/model.bin");

  @TempDir Path tmp;
  Path ws;
  Path model;
  CachePaths paths;

  @BeforeEach
  void workspace() throws Exception {
    ws = Files.createDirectories(tmp.resolve("ws"));
    Files.createDirectories(ws.resolve("out"));
    model = Files.writeString(ws.resolve("out/model.bin"), "weights-v1");
    paths = new CachePaths(ws);
  }

  private CacheStore freshStore() {
    Path root = CacheStore.rootFor(ws);
    return new CacheStore(root, FileDigests.under(root));
  }

  private CacheStore.Verified restoreAfterDeleting(CacheStore store, boolean links)
      throws Exception {
    Files.delete(model);
    CacheStore.Verified v = (CacheStore.Verified) store.lookup(KEY);
    OutputRestore.restore(paths, v.dir(), v.manifest(), OUTPUTS, store.digests(), links);
    store.digests().save();
    return v;
  }

  /** What an editor or a script that writes in place does, permissions set aside (as root). */
  private void editInPlace() throws Exception {
    Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(model, "WEIGHTS-v9", StandardOpenOption.WRITE);
  }

  @Test
  void anOutputRestoredByCopyOrReflinkAndEditedInPlaceLeavesTheEntryAsItWas() throws Exception {
    CacheStore store = freshStore();
    assertThat(OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS)).isTrue();
    store.digests().save();
    CacheStore.Verified v = restoreAfterDeleting(store, false);

    editInPlace();

    CacheStore next = freshStore();
    CacheStore.Lookup found = next.lookup(KEY);
    assertThat(found).isInstanceOf(CacheStore.Verified.class);
    assertThat(Files.readString(v.dir().resolve("files/0"))).isEqualTo("weights-v1");
    OutputRestore.Summary done =
        OutputRestore.restore(paths, v.dir(), v.manifest(), OUTPUTS, next.digests(), false);
    assertThat(done.outputsInPlace()).as("the edited file is not taken for the entry's").isZero();
    assertThat(Files.readString(model)).isEqualTo("weights-v1");
  }

  @Test
  void anOutputRestoredAsAHardLinkAndEditedInPlaceIsNeverServedItsEntryIsDiscarded()
      throws Exception {
    CacheStore store = freshStore();
    assertThat(OutputSnapshot.store(paths, store, KEY, "train", OUTPUTS, true, new byte[0]))
        .isTrue();
    store.digests().save();
    restoreAfterDeleting(store, true);
    assertThat(FileModes.of(model)).as("a linked output is read-only").doesNotContain("w");

    editInPlace();

    CacheStore next = freshStore();
    CacheStore.Lookup found = next.lookup(KEY);
    assertThat(found).isInstanceOf(CacheStore.Discarded.class);
    assertThat(((CacheStore.Discarded) found).reason()).contains("checksum");
    assertThat(next.lookup(KEY)).isInstanceOf(CacheStore.Absent.class);
  }
}
