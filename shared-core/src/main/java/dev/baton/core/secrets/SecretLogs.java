package dev.baton.core.secrets;

import dev.baton.core.errors.InfrastructureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps secrets out of step logs. The executor (the kernel for local steps, Slurm for batch jobs)
 * writes a step's output straight into its log, so the log is created readable by its owner only
 * and, once an attempt ends, rewritten masked: into a file beside it, then renamed over it.
 */
public final class SecretLogs {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Masker masker;

  public SecretLogs(Masker masker) {
    this.masker = masker;
  }

  /** Creates {@code log} owner-only before a step writes to it; does nothing without secrets. */
  public void prepare(Path log) {
    if (masker.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      try {
        Files.createFile(log, ownerOnly());
      } catch (FileAlreadyExistsException retried) {
        setOwnerOnly(log);
      }
    } catch (IOException e) {
      throw failure(log, e);
    }
  }

  /**
   * Masks {@code log} after an attempt ended: reads it once to look for secrets and, only when it
   * has one, writes the masked copy and renames it into place. Logs of any size stream through.
   *
   * @return how many masks were written
   */
  public long afterAttempt(Path log) {
    if (masker.isEmpty() || !Files.isRegularFile(log)) {
      return 0;
    }
    try {
      long found = copyMasked(log, OutputStream.nullOutputStream());
      if (found == 0) {
        return 0;
      }
      Path temp =
          Files.createTempFile(
              log.toAbsolutePath().getParent(), "." + log.getFileName() + ".", ".tmp", ownerOnly());
      try {
        copyMasked(log, Files.newOutputStream(temp));
        try {
          Files.move(temp, log, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, log, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      return found;
    } catch (IOException e) {
      throw failure(log, e);
    }
  }

  private long copyMasked(Path log, OutputStream target) throws IOException {
    MaskingOutputStream masking = masker.filter(target);
    try (InputStream in = Files.newInputStream(log);
        masking) {
      in.transferTo(masking);
    }
    return masking.masks();
  }

  private static FileAttribute<?>[] ownerOnly() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private static void setOwnerOnly(Path log) throws IOException {
    try {
      Files.setPosixFilePermissions(log, OWNER_ONLY);
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the report directory's own permissions are what protects the log.
    }
  }

  private static InfrastructureException failure(Path log, IOException e) {
    return new InfrastructureException(
        "cannot mask secrets in step log "
            + log
            + ": "
            + e.getMessage()
            + "; check free space and permissions of the report directory",
        e);
  }
}
