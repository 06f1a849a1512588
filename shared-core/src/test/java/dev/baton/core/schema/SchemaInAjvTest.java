package dev.baton.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/baton.schema.json as the most used validator reads it: Ajv (npm), strict, with unicode
 * regular expressions, installed from the committed lock file (src/test/ajv) into target/ajv. It
 * must compile, and accept every descriptor the project shows as valid: the examples, the sample
 * projects Baton itself accepts, and the YAML in the docs.
 */
class SchemaInAjvTest {
  private static final Path SOURCES = Path.of("src", "test", "ajv");
  private static final Path WORK = Path.of("target", "ajv");
  private static final List<String> FILES =
      List.of("package.json", "package-lock.json", "check-schema.mjs");

  /** What the reader knows at the top level (keys reserved for later included). */
  private static final Set<String> TOP_KEYS =
      Stream.concat(
              DescriptorReader.TOP_KEYS.stream(), DescriptorReader.TOP_LATER.keySet().stream())
          .collect(Collectors.toSet());

  private static final Set<String> STEP_KEYS = Set.copyOf(DescriptorReader.STEP_KEYS);
  private static final Set<String> RUNS = Set.of("run", "validate", "benchmark", "deploy");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void installAjv() throws Exception {
    RequiredTool.require(
        works("node", "--version") && works("npm", "--version"),
        "node and npm are not on PATH; install Node.js 18 or later to check docs/baton.schema.json"
            + " with Ajv");
    Files.createDirectories(WORK);
    boolean lockChanged =
        !Files.exists(WORK.resolve("package-lock.json"))
            || Files.mismatch(
                    SOURCES.resolve("package-lock.json"), WORK.resolve("package-lock.json"))
                >= 0;
    for (String file : FILES) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (lockChanged || !Files.isDirectory(WORK.resolve("node_modules/ajv"))) {
      Run install = Run.of(WORK, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
      RequiredTool.require(
          install.exit == 0,
          "npm ci in " + WORK + " failed (is the npm registry reachable?):\n" + install.output);
    }
  }

  @Test
  void schemaCompilesAndAcceptsEveryDescriptorShownAsValid() throws Exception {
    Path root = BatonSchema.repoRoot();
    List<String> inputs = new ArrayList<>();
    for (Path file : descriptors(root.resolve("examples"))) {
      inputs.add(label(root, file) + "=" + file);
    }
    for (Path file : descriptors(root.resolve("src-it"))) {
      if (batonAccepts(file)) {
        inputs.add(label(root, file) + "=" + file);
      }
    }
    inputs.addAll(docsBlocks(root));
    assertThat(inputs).as("descriptors to check").hasSizeGreaterThan(20);

    Run check = checkSchema(root, inputs);

    assertThat(check.exit).as(check.output).isZero();
    assertThat(check.output).contains("checked " + inputs.size() + " descriptors: 0 problems");
  }

  @Test
  void checkFailsNamingTheFileAndTheMistake() throws Exception {
    Path root = BatonSchema.repoRoot();
    Path bad = root.resolve("src-it/fixtures/three-mistakes.baton.yaml");

    Run check = checkSchema(root, List.of("three-mistakes=" + bad));

    assertThat(check.exit).as(check.output).isEqualTo(1);
    assertThat(check.output).contains("three-mistakes: /steps/prepare").contains("timout");
  }

  private static Run checkSchema(Path root, List<String> inputs) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "check-schema.mjs"));
    command.add(root.resolve(BatonSchema.SCHEMA_FILE).toString());
    command.addAll(inputs);
    return Run.of(WORK, command.toArray(String[]::new));
  }

  /** baton.yaml, baton-*.yaml and *.baton.yaml files under {@code dir}, build output aside. */
  private static List<Path> descriptors(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.baton/"))
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".yaml")
                    && (name.startsWith("baton") || name.endsWith(".baton.yaml"));
              })
          .sorted()
          .toList();
    }
  }

  /** Samples that exist to be wrong (bad-descriptor, three-mistakes) are the ones Baton refuses. */
  private static boolean batonAccepts(Path file) {
    try {
      DescriptorReader.read(file);
      return true;
    } catch (DescriptorException e) {
      return false;
    }
  }

  /**
   * The YAML blocks of the docs that show a descriptor, as complete descriptors in target/ajv: a
   * block with {@code version:} as written; in docs/descriptor.md, whose blocks show one key at a
   * time, each fragment completed (version, name, a step, a command) without changing what it
   * shows. Blocks of other tools' YAML (CI configurations) are not descriptors and are left out.
   */
  private static List<String> docsBlocks(Path root) throws IOException {
    List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> md = Files.list(root.resolve("docs"))) {
      md.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    Path out = Files.createDirectories(WORK.resolve("docs-blocks"));
    List<String> inputs = new ArrayList<>();
    for (Path doc : docs) {
      List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
      boolean fragments = doc.getFileName().toString().equals("descriptor.md");
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).strip().matches("```ya?ml")) {
          continue;
        }
        int start = i + 1;
        // A fence inside a list item is indented; so is its block.
        int indent = lines.get(i).indexOf('`');
        StringBuilder block = new StringBuilder();
        for (i = start; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
          String line = lines.get(i);
          block.append(
              line.substring(Math.min(indent, line.length() - line.stripLeading().length())));
          block.append('\n');
        }
        JsonNode node = YAML.readTree(block.toString());
        JsonNode descriptor = node instanceof ObjectNode o ? complete(o, fragments) : null;
        if (descriptor == null) {
          continue;
        }
        String label = root.relativize(doc) + ":" + (start + 1);
        Path file = out.resolve(root.relativize(doc).toString().replace('/', '_') + "-" + start);
        Files.writeString(
            file.resolveSibling(file.getFileName() + ".json"), JSON.writeValueAsString(descriptor));
        inputs.add(
            label + "=" + file.resolveSibling(file.getFileName() + ".json").toAbsolutePath());
      }
    }
    return inputs;
  }

  /** The block as a whole descriptor, or null when it is not one. */
  private static JsonNode complete(ObjectNode block, boolean fragments) {
    if (block.has("version")) {
      return block;
    }
    if (!fragments) {
      return null;
    }
    ObjectNode d = JSON.createObjectNode().put("version", 1).put("name", "docs");
    if (allKeysIn(block, TOP_KEYS)) {
      d.setAll(block);
    } else if (allKeysIn(block, STEP_KEYS)) {
      d.putObject("steps").set("example", block);
    } else {
      d.set("steps", block);
    }
    if (!d.has("steps")) {
      d.putObject("steps").putObject("example").put("run", "true");
    }
    for (JsonNode step : d.get("steps")) {
      if (step instanceof ObjectNode s && RUNS.stream().noneMatch(s::has) && !s.has("uses")) {
        s.put("run", "true");
      }
    }
    return d;
  }

  private static boolean allKeysIn(ObjectNode node, Set<String> keys) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      if (!keys.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private static String label(Path root, Path file) {
    return root.relativize(file).toString();
  }

  private static boolean works(String... command) {
    try {
      return Run.of(Path.of("."), command).exit == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A finished process: its exit code and its output, stdout and stderr together. */
  private record Run(int exit, String output) {
    static Run of(Path dir, String... command) throws IOException, InterruptedException {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Run(-1, String.join(" ", command) + " did not finish in 5 minutes");
      }
      return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
  }
}
