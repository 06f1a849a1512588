package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A step's {@code container:}: the image its commands run in, and how.
 *
 * @param image the image reference as written ({@code registry/name:tag}, {@code name@sha256:...},
 *     or an Apptainer {@code .sif} file or {@code docker://} URI)
 * @param runtime the program that runs it; {@link Runtime#AUTO} takes the first found
 * @param options extra arguments for the runtime's run command, passed as written
 * @param env variables set inside the container on top of the step's own
 * @param volumes extra mounts, {@code host:container[:options]}; a relative host path is relative
 *     to the workspace
 * @param workdir the working directory inside the container; empty: the step's own directory,
 *     mounted at the same path
 * @param user {@code uid[:gid]} or a name inside the image; empty: the invoking user, so files the
 *     step writes in the workspace are the caller's
 * @param pull when the image is pulled from its registry
 * @param position where the image is written, for errors found when the step runs
 */
public record ContainerSpec(
    String image,
    RuntimeKind runtime,
    List<String> options,
    Map<String, String> env,
    List<String> volumes,
    String workdir,
    String user,
    Pull pull,
    SourcePosition position) {

  /** Which program runs the container. */
  public enum RuntimeKind {
    PODMAN,
    DOCKER,
    APPTAINER,
    AUTO;

    /** The name as written in the descriptor. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<RuntimeKind> parse(String text) {
      for (RuntimeKind r : values()) {
        if (r.word().equals(text)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  /** When the image is fetched from its registry. */
  public enum Pull {
    /** Only when it is not on the machine (the default). */
    MISSING,
    /** Before every attempt, so a moved tag is followed. */
    ALWAYS,
    /** Never: a missing image is an error. */
    NEVER;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Pull> parse(String text) {
      for (Pull p : values()) {
        if (p.word().equals(text)) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }
  }

  // The distribution reference grammar (docker/distribution reference.go), simplified: an
  // optional registry host[:port], lowercase path components, an optional tag, an optional digest.
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*"
              + "[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

  public ContainerSpec {
    options = List.copyOf(options);
    env = Map.copyOf(env);
    volumes = List.copyOf(volumes);
  }

  /**
   * Why {@code ref} is not a well-formed OCI image reference ({@code name[:tag][@digest]}), or
   * empty when it is one.
   */
  public static Optional<String> referenceProblem(String ref) {
    if (ref.isBlank()) {
      return Optional.of("is empty");
    }
    if (ref.length() > 4096) {
      return Optional.of("is longer than 4096 characters");
    }
    String rest = ref;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String digest = rest.substring(at + 1);
      if (!DIGEST.matcher(digest).matches()) {
        return Optional.of("has a malformed digest '" + digest + "' (expected sha256:<hex>)");
      }
      rest = rest.substring(0, at);
    }
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      String tag = rest.substring(colon + 1);
      if (!TAG.matcher(tag).matches()) {
        return Optional.of("has a malformed tag '" + tag + "'");
      }
      rest = rest.substring(0, colon);
    }
    String[] parts = rest.split("/", -1);
    int first = 0;
    if (parts.length > 1
        && (parts[0].contains(".")
            || parts[0].contains(":")
            || parts[0].equals("localhost")
            || parts[0].startsWith("["))) {
      if (!HOST.matcher(parts[0]).matches()) {
        return Optional.of("has a malformed registry host '" + parts[0] + "'");
      }
      first = 1;
    }
    for (int i = first; i < parts.length; i++) {
      if (!COMPONENT.matcher(parts[i]).matches()) {
        return Optional.of(
            "has a malformed name component '"
                + parts[i]
                + "' (lowercase letters, digits and single separators . _ -)");
      }
    }
    return Optional.empty();
  }

  /** Whether Apptainer takes {@code image} as a file (a {@code .sif}) rather than a URI. */
  public static boolean isImageFile(String image) {
    return image.startsWith("/") || image.startsWith("./") || image.endsWith(".sif");
  }
}
