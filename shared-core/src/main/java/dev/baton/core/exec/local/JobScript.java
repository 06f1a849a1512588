package dev.baton.core.exec.local;

import static dev.baton.core.exec.ShellQuote.quote;

import dev.baton.core.exec.ShellQuote;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shell text that starts one attempt in the {@link JobShell}: a background subshell (its own
 * process group) that sets the attempt's environment and directory, runs the program with output
 * appended to the log, and reports the exit code — on the event pipe, or, when Baton is gone, in
 * the exit file by write-then-rename.
 *
 * @param argv the program (resolved path) and its arguments
 * @param env the attempt's complete environment
 * @param base the environment the job shell inherited, which the subshell starts from
 */
record JobScript(
    List<String> argv,
    Map<String, String> env,
    Map<String, String> base,
    Path workdir,
    Path log,
    Path exitFile) {

  // bash refuses to set or unset these.
  private static final Set<String> READ_ONLY =
      Set.of("BASHOPTS", "SHELLOPTS", "BASH_VERSINFO", "EUID", "PPID", "UID");

  /** Whether the shell can set this environment (every changed name must be a shell variable). */
  boolean expressible() {
    return env.entrySet().stream()
            .filter(e -> !e.getValue().equals(base.get(e.getKey())))
            .allMatch(e -> settable(e.getKey()))
        && base.keySet().stream().filter(k -> !env.containsKey(k)).allMatch(JobScript::settable);
  }

  private static boolean settable(String name) {
    return ShellQuote.isVariableName(name) && !READ_ONLY.contains(name);
  }

  String text(long id, String mv) {
    StringBuilder s = new StringBuilder(256);
    s.append("( trap : TERM; unset -v SHLVL OLDPWD");
    for (String name : new TreeMap<>(base).keySet()) {
      if (!env.containsKey(name)) {
        s.append(' ').append(name);
      }
    }
    s.append(';');
    new TreeMap<>(env)
        .forEach(
            (k, v) -> {
              if (!v.equals(base.get(k)) || k.equals("SHLVL") || k.equals("OLDPWD")) {
                s.append(" export ").append(k).append('=').append(quote(v)).append(';');
              }
            });
    s.append(" cd -- ").append(quote(workdir.toString())).append(" || exit 126; ");
    // Only the program writes to the log: the subshell's own words (bash's "Terminated" for a
    // program killed by a signal) go nowhere.
    s.append(ShellQuote.quoteAll(argv))
        .append(" >> ")
        .append(quote(log.toString()))
        .append(" 2>&1 < /dev/null 3>&-; _baton_rc=$?; trap '' PIPE; ");
    String exit = quote(exitFile.toString());
    String temp = quote(exitFile + ".tmp");
    s.append("builtin printf 'X ")
        .append(id)
        .append(
            " %s\\n' \"$_baton_rc\" >&3 2>/dev/null || { builtin printf '%s\\n' \"$_baton_rc\" > ")
        .append(temp)
        .append(" && ")
        .append(quote(mv))
        .append(" -f -- ")
        .append(temp)
        .append(' ')
        .append(exit)
        .append("; } ) > /dev/null 2>&1 < /dev/null & builtin printf 'S ")
        .append(id)
        .append(" %s\\n' \"$!\" >&3");
    return s.toString();
  }
}
