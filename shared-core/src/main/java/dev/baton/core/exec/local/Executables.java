package dev.baton.core.exec.local;

import java.io.File;
import org.jspecify.annotations.Nullable;

/** Resolves a program name the way {@code execvp} does, so a missing one is reported by name. */
final class Executables {
  private Executables() {}

  /** The program's path, or null when it cannot be found or is not executable. */
  static @Nullable String search(String program, @Nullable String path, File workdir) {
    if (program.contains("/")) {
      File f = new File(program);
      if (!f.isAbsolute()) {
        f = new File(workdir, program);
      }
      return f.isFile() && f.canExecute() ? f.getPath() : null;
    }
    if (path == null) {
      return null;
    }
    for (String dir : path.split(":", -1)) {
      File f = new File(dir.isEmpty() ? "." : dir, program);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
