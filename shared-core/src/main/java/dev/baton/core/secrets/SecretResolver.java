package dev.baton.core.secrets;

import dev.baton.core.descriptor.SecretSpec;
import dev.baton.core.errors.Action;
import dev.baton.core.errors.Fix;
import dev.baton.core.errors.UsageException;
import dev.baton.core.io.FileRefusedException;
import dev.baton.core.io.UserFiles;
import dev.baton.core.plan.Plan;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the values of a descriptor's secrets when a run starts. A secret a planned step needs and
 * that cannot be read stops the run before anything runs; the message names the secret and where it
 * was looked for, never a value.
 */
public final class SecretResolver {
  /** Secrets are keys, tokens and certificates: a larger file is the wrong file. */
  static final long MAX_FILE_BYTES = 256 * UserFiles.KiB;

  private SecretResolver() {}

  /** The secrets of {@code plan}'s descriptor; needed are those its steps that will run list. */
  public static RunSecrets forPlan(Plan plan, Map<String, String> env) {
    List<String> needed =
        plan.steps().stream()
            .filter(s -> !s.skipped())
            .flatMap(s -> s.spec().secrets().stream())
            .toList();
    return resolve(plan.descriptor().secrets(), needed, plan.descriptor().workspace(), env);
  }

  /**
   * Reads the declared secrets: every needed one must be readable, the others are read (when they
   * can be) only to mask their values.
   *
   * @param declared the descriptor's secrets
   * @param needed names the steps about to run list; the others are read only for masking, when
   *     they can be
   * @param workspace the descriptor's directory, which relative files are read from
   * @param env the Baton process's environment
   * @throws UsageException naming every needed secret that cannot be read
   */
  public static RunSecrets resolve(
      Map<String, SecretSpec> declared,
      Collection<String> needed,
      Path workspace,
      Map<String, String> env) {
    if (declared.isEmpty()) {
      return RunSecrets.NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> sources = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> required = Set.copyOf(needed);
    for (SecretSpec s : declared.values()) {
      String problem = null;
      if (s.source() instanceof SecretSpec.FromEnv e) {
        sources.add(e.variable());
        String value = env.get(e.variable());
        if (value == null) {
          problem = "environment variable " + e.variable() + " is not set";
        } else {
          values.put(s.name(), value);
        }
      } else if (s.source() instanceof SecretSpec.FromFile f) {
        Path file = workspace.resolve(f.path());
        try {
          values.put(
              s.name(),
              withoutTrailingNewline(UserFiles.readText(file, "secret file", MAX_FILE_BYTES)));
        } catch (IOException e) {
          problem = "cannot read file " + file + " (" + reason(e) + ")";
        }
      }
      if (problem != null && required.contains(s.name())) {
        problems.add("secret " + s.name() + " (" + s.position() + "): " + problem);
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(
          String.join("\n", problems) + "\nnothing was run",
          Fix.of("set the variable or create the file, then ", Action.run(), " again"));
    }
    return RunSecrets.of(values, sources);
  }

  private static String withoutTrailingNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private static String reason(IOException e) {
    if (e instanceof FileRefusedException r) {
      return r.problem() + "; " + r.fix();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName();
  }
}
