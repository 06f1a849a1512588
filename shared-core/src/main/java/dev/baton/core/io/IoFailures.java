package dev.baton.core.io;

import dev.baton.core.errors.Fix;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.Setting;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Turns an {@link IOException} into the short reason a person needs ("No space left on device").
 */
public final class IoFailures {
  private IoFailures() {}

  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "a parent is not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a directory with that name is in the way";
    }
    if (e instanceof FileSystemException fileSystemException
        && fileSystemException.getReason() != null) {
      return fileSystemException.getReason();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** How to get past a failed write of a report file; each front end names the report directory. */
  public static Fix writeFix(IOException e) {
    if (e instanceof AccessDeniedException) {
      return Fix.of("make the directory writable or choose another ", Setting.REPORT_DIR);
    }
    String reason = reason(e).toLowerCase(Locale.ROOT);
    if (reason.contains("space")) {
      return Fix.of("free space or choose another ", Setting.REPORT_DIR);
    }
    if (reason.contains("too large")) {
      return Fix.of("raise the file size limit (ulimit -f) or choose another ", Setting.REPORT_DIR);
    }
    return Fix.of(
        "check that the directory exists and is writable, or choose another ", Setting.REPORT_DIR);
  }

  /** A failed write of a report file: what failed, why, and how to get past it. */
  public static InfrastructureException writeFailure(String what, IOException e) {
    return new InfrastructureException(what + ": " + reason(e), writeFix(e), e);
  }
}
