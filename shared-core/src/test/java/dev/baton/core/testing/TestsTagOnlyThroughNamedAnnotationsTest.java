package dev.baton.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tag is a string that the poms, {@code .ci/run} and the docs must spell as the test does: a
 * misspelt {@code @Tag("slrum")} or {@code -Dgroups=bench} selects nothing and fails nothing. So
 * tests carry tags only through the named annotations of {@code dev.baton.core.testing}, whose
 * strings are {@link TestTags}, and every tag name the build files and docs select with is one of
 * them.
 */
class TestsTagOnlyThroughNamedAnnotationsTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final Path ANNOTATIONS =
      REPO.resolve("shared-core/src/test/java/dev/baton/core/testing");

  /** The named annotations, each with the one tag it stands for. */
  private static final List<Class<?>> NAMED =
      List.of(
          SlurmTest.class,
          BrowserTest.class,
          ContainerTest.class,
          GpuTest.class,
          BenchmarkTest.class,
          FuzzTest.class);

  /** {@code @Tag(...)} or {@code @Tags(...)}, also written with the package. */
  private static final Pattern TAG =
      Pattern.compile("@(org\\.junit\\.jupiter\\.api\\.)?Tags?\\s*\\(");

  /** The only form allowed, and only in the annotations' package. */
  private static final Pattern NAMED_TAG = Pattern.compile("^@Tag\\(TestTags\\.[A-Z_]+\\)$");

  /**
   * A tag selection on a Maven command line: {@code -Dgroups=a,b}, {@code -Dbaton.excludedGroups=}.
   */
  private static final Pattern SELECTION =
      Pattern.compile("-D(?:groups|excludedGroups|baton\\.excludedGroups)=([^\\s`'\"\\\\]*)");

  /** A tag selection in a pom, unless it refers to a property. */
  private static final Pattern POM_SELECTION =
      Pattern.compile("<(groups|excludedGroups|baton\\.excludedGroups)>([^<$]*)</\\1>");

  @Test
  void noTestCarriesARawTag() throws IOException {
    List<String> offenders = new ArrayList<>();
    List<String> modules = modules();
    assertThat(modules).contains("shared-core", "src-it");
    for (String module : modules) {
      Path tests = REPO.resolve(module).resolve("src/test");
      if (!Files.isDirectory(tests)) {
        continue;
      }
      for (Path file : files(tests)) {
        String name = file.getFileName().toString();
        if (!(name.endsWith(".java") || name.endsWith(".groovy"))
            || name.equals(getClass().getSimpleName() + ".java")) {
          continue;
        }
        boolean annotationPackage = file.getParent().equals(ANNOTATIONS);
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("*") || line.startsWith("/") || !TAG.matcher(line).find()) {
            continue;
          }
          if (!(annotationPackage && NAMED_TAG.matcher(line).matches())) {
            offenders.add(REPO.relativize(file) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    assertThat(offenders)
        .as(
            "tag tests with the annotations of dev.baton.core.testing (@SlurmTest, @BrowserTest,"
                + " @GpuTest, @BenchmarkTest, @FuzzTest; a new tag gets a constant in TestTags"
                + " and an annotation there), not a raw @Tag")
        .isEmpty();
  }

  @Test
  void eachNamedAnnotationStandsForOneTagOfTestTags() throws IllegalAccessException {
    List<String> carried = new ArrayList<>();
    for (Class<?> annotation : NAMED) {
      Tag tag = annotation.getAnnotation(Tag.class);
      assertThat(tag).as(annotation.getSimpleName() + " carries a @Tag").isNotNull();
      carried.add(tag.value());
    }
    assertThat(carried).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(carried))
        .as("the tags of the named annotations and the tag constants of TestTags")
        .isEqualTo(tagNames());
  }

  @Test
  void theDefaultBuildLeavesOutExactlyTheTagsTestTagsSays() throws IOException {
    String pom = Files.readString(REPO.resolve("pom.xml"));
    Matcher property =
        Pattern.compile("<baton\\.excludedGroups>([^<]*)</baton\\.excludedGroups>").matcher(pom);
    assertThat(property.find()).as("the root pom sets baton.excludedGroups").isTrue();
    assertThat(split(property.group(1)))
        .as("baton.excludedGroups in the root pom and TestTags.DEFAULT_EXCLUDED")
        .isEqualTo(split(TestTags.DEFAULT_EXCLUDED));
  }

  /**
   * The other modules compile against {@code baton-core:tests}, which holds only the classes its
   * pom includes: an annotation left out compiles in shared-core and breaks src-it.
   */
  @Test
  void theSharedTestJarCarriesEveryTagAnnotation() throws IOException {
    String pom = Files.readString(REPO.resolve("shared-core/pom.xml"));
    List<String> missing = new ArrayList<>();
    List<Class<?>> shared = new ArrayList<>(NAMED);
    shared.add(TestTags.class);
    for (Class<?> c : shared) {
      String include = "<include>dev/baton/core/testing/" + c.getSimpleName() + "*</include>";
      if (!pom.contains(include)) {
        missing.add(include);
      }
    }
    assertThat(missing).as("includes of the test-jar execution in shared-core/pom.xml").isEmpty();
  }

  @Test
  void buildFilesAndDocsSelectOnlyTagsThatExist() throws IOException, IllegalAccessException {
    List<Path> sources = new ArrayList<>();
    sources.add(REPO.resolve("pom.xml"));
    sources.add(REPO.resolve("README.md"));
    sources.add(REPO.resolve(".ci/run"));
    for (String module : modules()) {
      sources.add(REPO.resolve(module).resolve("pom.xml"));
    }
    for (Path file : files(REPO.resolve("docs"))) {
      if (file.toString().endsWith(".md")) {
        sources.add(file);
      }
    }
    Set<String> known = tagNames();
    List<String> unknown = new ArrayList<>();
    int selections = 0;
    for (Path file : sources) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        List<String> values = new ArrayList<>();
        Matcher cli = SELECTION.matcher(lines.get(i));
        while (cli.find()) {
          values.add(cli.group(1));
        }
        Matcher pom = POM_SELECTION.matcher(lines.get(i));
        while (pom.find()) {
          values.add(pom.group(2));
        }
        for (String value : values) {
          selections++;
          for (String name : split(value)) {
            if (!known.contains(name)) {
              unknown.add(REPO.relativize(file) + ":" + (i + 1) + ": " + name);
            }
          }
        }
      }
    }
    assertThat(selections).as("tag selections found (the patterns still match)").isPositive();
    assertThat(unknown).as("tag names that no test carries; known: " + known).isEmpty();
  }

  /** The names in a tag list or expression ({@code gpu,benchmark}, {@code slurm & !gpu}). */
  private static Set<String> split(String value) {
    return Arrays.stream(value.split("[,\\s!&|()]+"))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> tagNames() throws IllegalAccessException {
    Set<String> names = new LinkedHashSet<>();
    for (Field field : TestTags.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.getType() == String.class
          && !field.getName().equals("DEFAULT_EXCLUDED")) {
        names.add((String) field.get(null));
      }
    }
    return new TreeSet<>(names);
  }

  /** The root pom's modules, so that a module added later is checked too. */
  private static List<String> modules() throws IOException {
    Matcher module =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(REPO.resolve("pom.xml")));
    List<String> modules = new ArrayList<>();
    while (module.find()) {
      modules.add(module.group(1).strip());
    }
    return modules;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
