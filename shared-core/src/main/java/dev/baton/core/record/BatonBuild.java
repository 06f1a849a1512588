package dev.baton.core.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Which Baton made something: its version, the commit it was built from and that commit's date
 * (ISO-8601 UTC), as the build wrote them into {@code baton-build.properties}. Built outside a git
 * checkout (from a source archive), the commit and date are {@value #UNKNOWN}.
 */
public record BatonBuild(String version, String commit, String commitDate) {
  /** What a value the build could not find reads as. */
  public static final String UNKNOWN = "unknown";

  private static final String RESOURCE = "baton-build.properties";
  private static final BatonBuild CURRENT = load();

  /** The Baton running now. */
  public static BatonBuild current() {
    return CURRENT;
  }

  /** {@code 0.1.0 (commit 1a2b3c4d5e6f, 2026-12-01T10:00:00Z)}. */
  public String describe() {
    return version + " (commit " + commit + ", " + commitDate + ")";
  }

  private static BatonBuild load() {
    Properties p = new Properties();
    try (InputStream in = BatonBuild.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the Baton jar", e);
    }
    return new BatonBuild(
        value(p.getProperty("version")),
        value(p.getProperty("commit")),
        value(p.getProperty("commitDate")));
  }

  /** A property the build left unfilled ({@code ${...}}) or empty is unknown. */
  private static String value(@Nullable String raw) {
    return raw == null || raw.isBlank() || raw.contains("${") ? UNKNOWN : raw.strip();
  }
}
