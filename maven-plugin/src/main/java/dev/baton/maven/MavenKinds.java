package dev.baton.maven;

import dev.baton.core.descriptor.StepKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.jspecify.annotations.Nullable;

/** The {@code kinds} parameter ({@code -Dbaton.kinds=run,validate}) as step kinds. */
final class MavenKinds {
  private MavenKinds() {}

  /** The kinds named in {@code csv}; empty when it is null or blank (every kind). */
  static Set<StepKind> parse(@Nullable String csv) throws MojoFailureException {
    Set<StepKind> kinds = EnumSet.noneOf(StepKind.class);
    if (csv == null || csv.isBlank()) {
      return kinds;
    }
    for (String name : csv.split(",", -1)) {
      String id = name.strip().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      kinds.add(
          EnumSet.allOf(StepKind.class).stream()
              .filter(k -> k.id().equals(id))
              .findFirst()
              .orElseThrow(() -> new MojoFailureException(MavenHelpfulSuggestions.badKind(name))));
    }
    return kinds;
  }
}
