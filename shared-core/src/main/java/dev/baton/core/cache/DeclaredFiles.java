package dev.baton.core.cache;

import dev.baton.core.record.StepLineage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content digests of the files a step declares ({@code inputs}, {@code outputs}) for its
 * lineage, hashed as the step cache hashes them and through the same stat cache: a file the cache
 * hashed or stored is not read again.
 */
public final class DeclaredFiles {
  private final CachePaths paths;
  private final FileDigests digests;

  private DeclaredFiles(CachePaths paths, FileDigests digests) {
    this.paths = paths;
    this.digests = digests;
  }

  /** The workspace's declared files; empty when the workspace cannot be read. */
  public static Optional<DeclaredFiles> of(Path workspace) {
    try {
      CachePaths paths = new CachePaths(workspace);
      return Optional.of(
          new DeclaredFiles(paths, FileDigests.under(CacheStore.rootFor(paths.workspace()))));
    } catch (CacheException e) {
      return Optional.empty();
    }
  }

  /**
   * Each file under {@code declared} (files, directories, globs), workspace-relative path → {@code
   * sha256:<hex>}. A declared path that is missing, unreadable or outside the workspace is left
   * out: lineage records what was there, and the step's own checks already judged what was
   * promised.
   */
  public Map<String, String> digests(List<String> declared) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String one : declared) {
      try {
        for (InputFiles.Digest d : InputFiles.digests(paths, List.of(one), digests)) {
          out.put(d.path(), StepLineage.SHA256 + d.sha256());
        }
      } catch (CacheException | RuntimeException e) {
        // Not there (a failed step's output) or not allowed: nothing to record for it.
      }
    }
    return out;
  }

  /** {@code sha256:<hex>} of one file, through the stat cache. */
  public String digest(Path file) throws IOException {
    return StepLineage.SHA256 + digests.sha256(file.toAbsolutePath().normalize());
  }

  /**
   * Keeps what was hashed for the next run; a stat cache that cannot be written only costs time.
   */
  public void save() {
    digests.save();
  }
}
