package dev.baton.core.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The lease directory every Baton process on a machine shares: one {@code flock}ed file per GPU and
 * per concurrency-group slot. Whoever holds the lock holds the GPU; the kernel drops the lock when
 * the last process holding it ends, so a lease cannot outlive its holder and no process has to
 * clean up after one that died.
 */
public final class MachineLeases {
  /** The environment variable that moves the lease directory. */
  public static final String DIRECTORY_VARIABLE = "BATON_LEASE_DIR";

  /** The default lease directory: outside any workspace, kept across reboots of nothing. */
  public static final Path DEFAULT_DIRECTORY = Path.of("/var/tmp/baton/leases");

  private static final LeaseHolder UNKNOWN =
      new LeaseHolder("(unknown run)", "", -1, -1, Instant.EPOCH);

  private final Path directory;

  private MachineLeases(Path directory) {
    this.directory = directory;
  }

  /** Whether this platform has the file locks leases need (Linux on x86-64 and aarch64). */
  public static boolean supported() {
    return Flock.available();
  }

  /** Why leases cannot work here, or null when they can. */
  public static @Nullable String unsupportedReason() {
    return Flock.PROBLEM;
  }

  /** The directory named by {@code BATON_LEASE_DIR} in {@code env}, else the default. */
  public static Path directoryFor(Map<String, String> env) {
    String dir = env.get(DIRECTORY_VARIABLE);
    return dir == null || dir.isBlank() ? DEFAULT_DIRECTORY : Path.of(dir).toAbsolutePath();
  }

  /**
   * The leases in {@code directory}, created if missing as a sticky, world-writable directory (as
   * {@code /tmp} is): every user can lease, nobody can delete another's files.
   *
   * @throws LeaseException when the directory cannot be created or is not a directory
   */
  public static MachineLeases at(Path directory) {
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new LeaseException(
          directory, "the lease directory " + directory + " is a file, not a directory");
    }
    if (!Files.isDirectory(directory)) {
      try {
        Files.createDirectories(directory);
        sharedDirectory(directory);
        Path parent = directory.getParent();
        if (parent != null && parent.equals(DEFAULT_DIRECTORY.getParent())) {
          sharedDirectory(parent);
        }
      } catch (IOException e) {
        throw new LeaseException(
            directory, "cannot create the lease directory " + directory + ": " + e.getMessage());
      }
    }
    if (!Files.isDirectory(directory)) {
      throw new LeaseException(directory, "the lease path " + directory + " is not a directory");
    }
    return new MachineLeases(directory);
  }

  public Path directory() {
    return directory;
  }

  /** Who holds {@code key} now; empty when nobody does. */
  public Optional<LeaseHolder> holder(String key) {
    Path file = directory.resolve(key);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || !LockFile.isHeld(file)) {
      return Optional.empty();
    }
    return Optional.of(LeaseFiles.holder(file).orElse(UNKNOWN));
  }

  /**
   * Takes every lease in {@code keys} and, when {@code group} is given, one free slot of it, all or
   * nothing, without waiting.
   *
   * @return the lease, or null when one of them is held (nothing is then held)
   */
  public @Nullable Lease tryAcquire(
      List<String> keys, Optional<GroupClaim> group, LeaseHolder holder) {
    List<LockFile> taken = new ArrayList<>(keys.size() + 1);
    try {
      for (String key : keys) {
        LockFile f = lock(key);
        if (f == null) {
          taken.forEach(LockFile::close);
          return null;
        }
        taken.add(f);
      }
      if (group.isPresent()) {
        LockFile slot = null;
        for (int i = 0; i < group.get().limit() && slot == null; i++) {
          slot = lock(LeaseKey.groupSlot(group.get().group(), i));
        }
        if (slot == null) {
          taken.forEach(LockFile::close);
          return null;
        }
        taken.add(slot);
      }
    } catch (RuntimeException e) {
      taken.forEach(LockFile::close);
      throw e;
    }
    LeaseFiles.describe(taken, holder);
    return new Lease(taken, holder);
  }

  /** The waiting steps of every run on the machine; close it to withdraw this process's tickets. */
  public WaitTickets tickets() {
    return new WaitTickets(directory.resolve("waiting"));
  }

  /** The holders of the slots of {@code group} that are held now. */
  public List<LeaseHolder> groupHolders(String group, int limit) {
    List<LeaseHolder> out = new ArrayList<>();
    for (int i = 0; i < limit; i++) {
      holder(LeaseKey.groupSlot(group, i)).ifPresent(out::add);
    }
    return out;
  }

  private @Nullable LockFile lock(String key) {
    Path file = directory.resolve(key);
    boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    LockFile f = LockFile.tryLock(file);
    if (f != null && !existed) {
      LeaseFiles.shareable(file);
    }
    return f;
  }

  static void sharedDirectory(Path dir) {
    // Sticky and world-writable, as /tmp: every user leases, nobody removes another's files.
    if (Flock.available()) {
      Flock.chmod(dir.toString(), 01777);
    }
  }

  /** A machine-wide concurrency group and its limit, as one step asks for a slot of it. */
  public record GroupClaim(String group, int limit) {}
}
