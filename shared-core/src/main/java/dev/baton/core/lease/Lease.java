package dev.baton.core.lease;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Leases this process holds for one attempt of a step: a locked file per GPU and concurrency-group
 * slot. A launcher that can hand {@link #descriptors()} to the step's process makes the leases last
 * exactly as long as the step's processes, even if Baton is killed; closing only drops Baton's own
 * hold.
 */
public final class Lease implements AutoCloseable {
  /** Holds nothing: for steps that lease nothing, and executors that bind GPUs themselves. */
  public static final Lease NONE = new Lease(List.of(), null);

  private final List<LockFile> files;
  private final @Nullable LeaseHolder holder;

  Lease(List<LockFile> files, @Nullable LeaseHolder holder) {
    this.files = List.copyOf(files);
    this.holder = holder;
  }

  /** The open, locked descriptors, for a launcher to pass on to the step's process. */
  public List<Integer> descriptors() {
    List<Integer> out = new ArrayList<>(files.size());
    for (LockFile f : files) {
      if (f.fd() >= 0) {
        out.add(f.fd());
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  /** Writes the step's process group into every lease file, for {@code baton agents} to show. */
  public void stepStarted(long processGroup) {
    if (holder != null && processGroup > 0) {
      LeaseFiles.describe(files, holder.withStepGroup(processGroup));
    }
  }

  /** Drops this process's hold; a step that inherited the descriptors keeps the leases. */
  @Override
  public void close() {
    files.forEach(LockFile::close);
  }
}
