package dev.baton.jenkins.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ant-style file patterns ({@code dir/**}, {@code **}{@code /*.xml}, comma-separated) as used by
 * {@code stash}, {@code archiveArtifacts} and {@code junit}.
 */
final class AntPatterns {
  private AntPatterns() {}

  /** Files under {@code base} matching any of {@code includes} and none of {@code excludes}. */
  static List<Path> select(Path base, String includes, String excludes) {
    List<Pattern> in = compile(includes == null || includes.isBlank() ? "**" : includes);
    List<Pattern> out = compile(excludes == null ? "" : excludes);
    List<Path> selected = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return selected;
    }
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String relative = base.relativize(file).toString().replace('\\', '/');
        if (matchesAny(in, relative) && !matchesAny(out, relative)) {
          selected.add(base.relativize(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return selected;
  }

  /** Copies the selected files from {@code from} to {@code to}, keeping relative paths. */
  static int copy(Path from, String includes, String excludes, Path to) {
    List<Path> files = select(from, includes, excludes);
    try {
      for (Path relative : files) {
        Path target = to.resolve(relative.toString());
        Files.createDirectories(target.getParent());
        Files.copy(from.resolve(relative), target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files.size();
  }

  private static boolean matchesAny(List<Pattern> patterns, String path) {
    for (Pattern p : patterns) {
      if (p.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> compile(String patterns) {
    List<Pattern> compiled = new ArrayList<>();
    for (String raw : patterns.split(",")) {
      String p = raw.trim().replace('\\', '/');
      if (p.isEmpty()) {
        continue;
      }
      if (p.endsWith("/")) {
        p = p + "**";
      }
      compiled.add(Pattern.compile(toRegex(p)));
    }
    return compiled;
  }

  private static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      if (pattern.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 3;
      } else if (pattern.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (pattern.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else if (pattern.charAt(i) == '?') {
        regex.append("[^/]");
        i++;
      } else {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
        i++;
      }
    }
    return regex.toString();
  }
}
