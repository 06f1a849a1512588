package dev.baton.core.descriptor;

import dev.baton.core.descriptor.ContainerSpec.Pull;
import dev.baton.core.descriptor.ContainerSpec.RuntimeKind;
import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.ScalarType;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code container:} of a step or of {@code defaults:}: {@code container: IMAGE}, the long
 * form {@code {image, runtime, options, env, volumes, workdir, user, pull}}, or {@code container:
 * false} (a step that runs on the host although the defaults name an image).
 */
final class ContainerReader {
  static final List<String> KEYS =
      List.of("image", "runtime", "options", "env", "volumes", "workdir", "user", "pull");

  private ContainerReader() {}

  /** The container, or empty for {@code false}; {@code fallback} when the node is invalid. */
  static Optional<ContainerSpec> read(
      YamlNode node, String what, Optional<ContainerSpec> fallback, NodeReader r) {
    if (node instanceof Scalar s && s.type() == ScalarType.BOOLEAN) {
      if (!Boolean.parseBoolean(s.text().strip().toLowerCase(Locale.ROOT))) {
        return Optional.empty();
      }
      r.problem(
          s.position(),
          what + " is 'true'",
          "name the image, such as 'container: python:3.12', or write 'false' to run on the host");
      return fallback;
    }
    if (node instanceof Scalar s && s.type() != ScalarType.NULL) {
      String image = s.text();
      if (!checkImage(image, RuntimeKind.AUTO, node, what, r)) {
        return fallback;
      }
      return Optional.of(
          new ContainerSpec(
              image,
              RuntimeKind.AUTO,
              List.of(),
              Map.of(),
              List.of(),
              "",
              "",
              Pull.MISSING,
              s.position()));
    }
    if (!(node instanceof YamlMap m)) {
      r.wrongType(
          node,
          what,
          "an image reference such as 'python:3.12', a mapping {image: ..., runtime: ...}, or"
              + " 'false'");
      return fallback;
    }
    r.checkKeys(m, what, KEYS, Map.of());
    Optional<YamlNode> imageNode = NodeReader.get(m, "image");
    if (imageNode.isEmpty()) {
      r.problem(
          m.position(), what + " has no 'image'", "name the image, such as 'image: python:3.12'");
      return fallback;
    }
    RuntimeKind runtime =
        NodeReader.get(m, "runtime")
            .flatMap(
                n ->
                    r.string(n, what + ".runtime")
                        .flatMap(
                            t -> {
                              Optional<RuntimeKind> parsed = RuntimeKind.parse(t);
                              if (parsed.isEmpty()) {
                                r.problem(
                                    n.position(),
                                    what + ".runtime '" + t + "' is not a container runtime",
                                    "use podman, docker, apptainer or auto (the first one found)");
                              }
                              return parsed;
                            }))
            .orElse(RuntimeKind.AUTO);
    Optional<String> image = r.string(imageNode.get(), what + ".image");
    if (image.isEmpty() || !checkImage(image.get(), runtime, imageNode.get(), what, r)) {
      return fallback;
    }
    Pull pull =
        NodeReader.get(m, "pull")
            .flatMap(
                n ->
                    r.string(n, what + ".pull")
                        .flatMap(
                            t -> {
                              Optional<Pull> parsed = Pull.parse(t);
                              if (parsed.isEmpty()) {
                                r.problem(
                                    n.position(),
                                    what + ".pull '" + t + "' is not a pull policy",
                                    "use missing (pull when not on the machine, the default),"
                                        + " always or never");
                              }
                              return parsed;
                            }))
            .orElse(Pull.MISSING);
    List<String> options =
        NodeReader.get(m, "options").map(n -> options(n, what + ".options", r)).orElse(List.of());
    Map<String, String> env =
        NodeReader.get(m, "env").map(n -> r.stringMap(n, what + ".env")).orElse(Map.of());
    List<String> volumes =
        NodeReader.get(m, "volumes").map(n -> volumes(n, what + ".volumes", r)).orElse(List.of());
    String workdir =
        NodeReader.get(m, "workdir").flatMap(n -> absolute(n, what + ".workdir", r)).orElse("");
    String user =
        NodeReader.get(m, "user").flatMap(n -> r.scalarText(n, what + ".user")).orElse("");
    return Optional.of(
        new ContainerSpec(
            image.get(),
            runtime,
            options,
            env,
            volumes,
            workdir,
            user,
            pull,
            imageNode.get().position()));
  }

  private static boolean checkImage(
      String image, RuntimeKind runtime, YamlNode node, String what, NodeReader r) {
    if (image.contains("${{")) {
      r.problem(
          node.position(),
          what + " image '" + image + "' uses an expression",
          "write the image literally; Baton checks it and keys the cache on it before the run");
      return false;
    }
    if (runtime == RuntimeKind.APPTAINER || runtime == RuntimeKind.AUTO) {
      // Apptainer also runs image files and its own URI schemes.
      if (ContainerSpec.isImageFile(image)) {
        return true;
      }
      int scheme = image.indexOf("://");
      if (scheme > 0) {
        String kind = image.substring(0, scheme);
        if (!List.of("docker", "docker-daemon", "oras", "library", "shub").contains(kind)) {
          r.problem(
              node.position(),
              what + " image '" + image + "' has an unknown scheme '" + kind + "://'",
              "write an image reference such as 'python:3.12', a .sif file, or docker://...");
          return false;
        }
        return true;
      }
    }
    Optional<String> why = ContainerSpec.referenceProblem(image);
    if (why.isPresent()) {
      r.problem(
          node.position(),
          what + " image '" + image + "' " + why.get(),
          "write a reference such as 'python:3.12', 'ghcr.io/team/train:v3' or"
              + " 'name@sha256:<digest>'");
      return false;
    }
    return true;
  }

  /** A list of arguments, or one string split at spaces. */
  private static List<String> options(YamlNode node, String what, NodeReader r) {
    if (node instanceof Scalar s && s.type() != ScalarType.NULL) {
      return Arrays.stream(s.text().trim().split("\\s+")).filter(t -> !t.isEmpty()).toList();
    }
    if (node instanceof YamlList list) {
      List<String> out = new ArrayList<>();
      for (YamlNode item : list.items()) {
        r.scalarText(item, "each item of " + what).ifPresent(out::add);
      }
      return out;
    }
    r.wrongType(node, what, "a list of runtime arguments, such as [--shm-size=8g]");
    return List.of();
  }

  private static List<String> volumes(YamlNode node, String what, NodeReader r) {
    List<String> out = new ArrayList<>();
    for (String v : r.stringList(node, what)) {
      String[] parts = v.split(":", -1);
      if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
        r.problem(
            node.position(),
            what + " '" + v + "' is not host:container[:options]",
            "write each mount as 'host-path:container-path', such as 'data:/data:ro'");
      } else if (!parts[1].startsWith("/")) {
        r.problem(
            node.position(),
            what + " '" + v + "' mounts at a relative path",
            "write the container side as an absolute path, such as 'data:/data'");
      } else {
        out.add(v);
      }
    }
    return out;
  }

  private static Optional<String> absolute(YamlNode node, String what, NodeReader r) {
    Optional<String> path = r.string(node, what);
    if (path.isPresent() && !path.get().startsWith("/")) {
      r.problem(
          node.position(),
          what + " '" + path.get() + "' is relative",
          "write an absolute path inside the container, or leave it out to use the step's own"
              + " directory (the workspace is mounted at the same path)");
      return Optional.empty();
    }
    return path;
  }
}
