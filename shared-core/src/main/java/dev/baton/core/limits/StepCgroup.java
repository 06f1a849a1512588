package dev.baton.core.limits;

import dev.baton.core.descriptor.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One attempt's cgroup: its command joins it before it runs; it is removed after. */
public record StepCgroup(Path dir) {

  /**
   * {@code command}, made to move its own process into this cgroup first, so that everything it
   * starts is held by the limits too. It fails (exit 125) rather than run without them.
   */
  public Command wrap(Command command) {
    String procs = dir.resolve("cgroup.procs").toString();
    String join = "echo $$ > '" + procs.replace("'", "'\\''") + "' || exit 125";
    if (command instanceof Command.Shell shell) {
      return new Command.Shell(join + "\n" + shell.script());
    }
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", join + "; exec \"$@\"", "sh"));
    argv.addAll(((Command.Argv) command).args());
    return new Command.Argv(argv);
  }

  /** How many times the kernel killed a process here for memory ({@code memory.events}). */
  public long oomKills() {
    return oomKills(dir.resolve("memory.events"));
  }

  static long oomKills(Path memoryEvents) {
    try {
      for (String line : Files.readAllLines(memoryEvents, StandardCharsets.UTF_8)) {
        if (line.startsWith("oom_kill ")) {
          return Long.parseLong(line.substring("oom_kill ".length()).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** Removes the cgroup (empty once the attempt's processes are gone); best effort. */
  public void remove() {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a process of the attempt still lives; the kernel keeps the cgroup until it ends
    }
  }
}
