package dev.baton.core.exec.local;

import static dev.baton.core.exec.ShellQuote.quote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /bin/sh -c} command line that runs a step and, as the shell exits, records its exit
 * code in the attempt's exit file, so that a step that ends while Baton is down is not run again on
 * a resume.
 *
 * <p>The recording is an {@code EXIT} trap set on the same line as the step's own text (line
 * numbers in the shell's messages stay the step's), so it costs no process: {@code run: true} is
 * one exec of the shell, whose builtin {@code true} runs — as cheap as {@code make} exec'ing {@code
 * /bin/true}. The shell's exit status stays the step's (POSIX keeps {@code $?} across an exit
 * trap). A step that replaces the shell ({@code exec prog}) or sets its own {@code EXIT} trap
 * leaves no exit file; if Baton is down when it ends, a resume runs it again.
 */
final class ExitRecordingShell {
  static final String SH = "/bin/sh";
  static final long BATON = ProcessHandle.current().pid();

  private ExitRecordingShell() {}

  /**
   * Runs shell text {@code script}; the exit file is written if the process {@code watcher} (this
   * Baton) is gone when the shell exits.
   */
  static List<String> script(String script, Path exitFile, long watcher) {
    return List.of(SH, "-c", trap(exitFile, watcher) + script);
  }

  /** Runs the program {@code argv} (its first word resolved) with exactly these arguments. */
  static List<String> program(List<String> argv, Path exitFile, long watcher) {
    List<String> out = new ArrayList<>(argv.size() + 4);
    out.add(SH);
    out.add("-c");
    out.add(trap(exitFile, watcher) + "\"$@\"");
    out.add("sh");
    out.addAll(argv);
    return out;
  }

  /** The {@code trap ... EXIT; } that records the exit code, ending in a space. */
  static String trap(Path exitFile, long watcher) {
    // Written only when Baton is gone (it waits for the shell itself while it runs): a stat of
    // /proc/<baton> instead of creating and deleting a file per step. A pid reused after Baton died
    // reads as "alive" and the step is run again on a resume, the safe way to be wrong.
    // One write of "<code>\n": a reader that finds no newline treats the file as not written.
    String record =
        "_baton_rc=$?; [ -d /proc/"
            + watcher
            + " ] || printf '%s\\n' \"$_baton_rc\" > "
            + quote(exitFile.toString())
            + " 2>/dev/null";
    return "trap " + quote(record) + " EXIT; ";
  }
}
