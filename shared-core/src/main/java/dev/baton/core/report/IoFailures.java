package dev.baton.core.report;

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

  /** How to get past a failed write of a report file. */
  public static String writeHint(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "make the directory writable or choose another --report-dir";
    }
    if (reason(e).toLowerCase(Locale.ROOT).contains("space")) {
      return "free space or choose another --report-dir";
    }
    if (reason(e).toLowerCase(Locale.ROOT).contains("too large")) {
      return "raise the file size limit (ulimit -f) or choose another --report-dir";
    }
    return "check that the directory exists and is writable, or choose another --report-dir";
  }
}
