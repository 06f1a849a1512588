package dev.baton.core.exec.local;

import static dev.baton.core.exec.ShellQuote.quote;

import dev.baton.core.exec.ShellQuote;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The text a {@link ReadyShells ready shell} reads to become one step, all of it but the step's own
 * text on the first line (so the shell's messages give the step's line numbers, as {@code sh -c}
 * does today): clear the {@code -s} flag ({@code $-} reads as under {@code -c}), send output to the
 * log and take stdin from {@code /dev/null}, enter the working directory, make the environment the
 * step's, set {@link ExitRecordingShell}'s exit trap, then the step's text.
 *
 * <p>Where the result could differ from {@code /bin/sh -c} started with the step's environment, in
 * its directory, there is no text and the step is started directly: a variable dash sets up itself
 * at start-up ({@code IFS}, {@code OPTIND}, {@code PPID}, {@code PS1}...) that would differ, a name
 * that is not a shell variable, a value or path with a newline (it would shift the step's line
 * numbers), or a text longer than {@link #MAX_BYTES}.
 */
final class ReadyScript {
  /**
   * {@code PIPE_BUF}: a write this long into an empty pipe arrives whole, so the shell's first read
   * (dash reads 8 KiB at a time) takes all of it before {@code exec </dev/null} replaces its input.
   */
  static final int MAX_BYTES = 4096;

  // Variables dash gives a value of its own at start-up, or treats specially when unset.
  private static final Set<String> DASH_OWN =
      Set.of(
          "IFS",
          "OPTIND",
          "PPID",
          "LINENO",
          "PS1",
          "PS2",
          "PS4",
          "MAIL",
          "MAILPATH",
          "MAILCHECK",
          "HISTSIZE",
          "TERM",
          "ENV",
          "FCEDIT");

  // An absolute path without empty, "." or ".." components and without a trailing slash.
  private static final Pattern NORMAL = Pattern.compile("/|(/(?!\\.\\.?(/|$))[^/]+)+");

  private ReadyScript() {}

  /**
   * The text that turns a shell started with {@code shellEnv} into {@code /bin/sh -c stepText}
   * started with {@code env} in {@code workdir}, or null where it cannot be made the same.
   */
  static @Nullable String text(
      String stepText,
      Map<String, String> env,
      Map<String, String> shellEnv,
      Path workdir,
      Path log,
      Path exitFile,
      long watcher) {
    StringBuilder s = new StringBuilder(256 + stepText.length());
    s.append("set +s; exec >> ")
        .append(quote(log.toString()))
        .append(" 2>&1 < /dev/null; cd -P -- ")
        .append(quote(workdir.toString()))
        .append(" || exit 126; ");
    // dash keeps an inherited PWD that names its directory as its logical directory, else takes
    // the physical path (cd -P); a logical cd to it keeps it only if it has nothing to normalise.
    String pwd = env.get("PWD");
    if (pwd != null && pwd.startsWith("/")) {
      if (!NORMAL.matcher(pwd).matches()) {
        return null;
      }
      s.append("[ ")
          .append(quote(pwd))
          .append(" -ef . ] && cd -- ")
          .append(quote(pwd))
          .append("; ");
    }
    // cd set and exported OLDPWD; a shell started in the directory has it only if inherited.
    String oldPwd = env.get("OLDPWD");
    s.append(oldPwd == null ? "unset OLDPWD; " : "OLDPWD=" + quote(oldPwd) + "; ");
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (isDirectory(name) || e.getValue().equals(shellEnv.get(name))) {
        continue;
      }
      if (!settable(name)) {
        return null;
      }
      s.append("export ").append(name).append('=').append(quote(e.getValue())).append("; ");
    }
    for (String name : shellEnv.keySet()) {
      if (!env.containsKey(name) && !isDirectory(name)) {
        if (!settable(name) || "PATH".equals(name)) {
          return null;
        }
        s.append("unset ").append(name).append("; ");
      }
    }
    s.append(ExitRecordingShell.trap(exitFile, watcher));
    if (s.indexOf("\n") >= 0) {
      return null;
    }
    return s.append(stepText).toString();
  }

  private static boolean isDirectory(String name) {
    return "PWD".equals(name) || "OLDPWD".equals(name);
  }

  private static boolean settable(String name) {
    return ShellQuote.isVariableName(name) && !DASH_OWN.contains(name);
  }
}
