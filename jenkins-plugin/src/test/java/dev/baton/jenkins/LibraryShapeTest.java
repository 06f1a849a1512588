package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.LibraryClasses;
import groovy.lang.GroovySystem;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The library keeps the shape Jenkins needs: it compiles on Jenkins' Groovy 2.4 with and without
 * the CPS transformation, every src/ class can be saved with the program, vars/ files stay tiny and
 * each has its help page, and the CLI version it fetches is this build's.
 */
class LibraryShapeTest {
  @Test
  void testsRunOnTheGroovyVersionJenkinsRunsPipelinesOn() {
    assertThat(GroovySystem.getVersion()).isEqualTo("2.4.21");
  }

  /**
   * Jenkins saves the program, with every library object it holds, at each step: a class that only
   * says {@code implements Serializable} while a field holds something that is not fails the build
   * at the first step after it is set. So every field that is saved must have a type that can be.
   */
  @ParameterizedTest(name = "cps={0}")
  @ValueSource(booleans = {false, true})
  void everySrcClassCompilesAndIsSerializable(boolean cps) throws Exception {
    LibraryClasses library = new LibraryClasses(Testbed.LIBRARY, cps);
    List<String> names = LibraryClasses.names(Testbed.LIBRARY);
    assertThat(names).contains("dev.baton.jenkins.BatonRun", "dev.baton.jenkins.StepBranch");
    List<String> unsaveable = new ArrayList<>();
    for (String name : names) {
      Class<?> type = library.load(name);
      assertThat(Serializable.class.isAssignableFrom(type)).as(name).isTrue();
      assertThat(serialVersionUid(type)).as(name + " declares serialVersionUID").isTrue();
      for (Field field : savedFields(type)) {
        if (!saveable(field)) {
          unsaveable.add(name + "." + field.getName() + ": " + field.getType().getName());
        }
      }
    }
    assertThat(unsaveable)
        .as(
            "fields Jenkins would save that may hold what cannot be serialized; give them a"
                + " Serializable type, or make them transient and rebuild them after a restart")
        .isEmpty();
  }

  /** Fields saved with an instance: not static, not transient, not made by the compiler. */
  private static List<Field> savedFields(Class<?> type) {
    List<Field> saved = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
          saved.add(f);
        }
      }
    }
    return saved;
  }

  /**
   * A type Java serialization can write: primitives and Serializable classes; the collection
   * interfaces, which the library fills with Groovy's list and map literals (ArrayList,
   * LinkedHashMap); and the pipeline script, held as {@code def script}, which Jenkins saves by its
   * own means.
   */
  private static boolean saveable(Field field) {
    Class<?> t = field.getType();
    if (t.isPrimitive() || Serializable.class.isAssignableFrom(t)) {
      return true;
    }
    if (List.of(Map.class, List.class, Set.class, Collection.class).contains(t)) {
      return true;
    }
    return t == Object.class && field.getName().equals("script");
  }

  private static boolean serialVersionUid(Class<?> type) {
    try {
      Field f = type.getDeclaredField("serialVersionUID");
      return Modifier.isStatic(f.getModifiers()) && f.getType() == long.class;
    } catch (NoSuchFieldException e) {
      return false;
    }
  }

  /**
   * A vars/ file is the step's entry point and nothing else: its one {@code call} hands the
   * pipeline script and the arguments to a src/ class, where the logic is tested and saved with the
   * program (vars/ scripts are not). Its help page starts with the step's name, as Jenkins' Snippet
   * Generator shows it.
   */
  @ParameterizedTest(name = "cps={0}")
  @ValueSource(booleans = {false, true})
  void everyVarsFileIsTinyCompilesAndHasAHelpPage(boolean cps) throws Exception {
    LibraryClasses library = new LibraryClasses(Testbed.LIBRARY, cps);
    List<String> srcClasses = LibraryClasses.names(Testbed.LIBRARY);
    List<Path> vars = LibraryClasses.varsFiles(Testbed.LIBRARY);
    assertThat(vars)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "baton.groovy",
            "batonPlan.groovy",
            "batonValidate.groovy",
            "batonBenchmark.groovy",
            "batonDeploy.groovy");
    for (Path file : vars) {
      String name = file.getFileName().toString().replace(".groovy", "");
      String text = Files.readString(file);
      assertThat(text.lines().count()).as(name).isBetween(9L, 25L);
      List<String> code = codeLines(text);
      List<String> imports = code.stream().filter(l -> l.startsWith("import ")).toList();
      List<String> body = code.stream().filter(l -> !l.startsWith("import ")).toList();
      assertThat(body)
          .as(name + ": one call() that delegates to a src/ class, and nothing else")
          .hasSize(3);
      assertThat(body.get(0)).as(name).isEqualTo("def call(Map args = [:]) {");
      Matcher delegation = DELEGATION.matcher(body.get(1));
      assertThat(delegation.matches()).as(name + " delegates: " + body.get(1)).isTrue();
      String delegate = delegation.group(1);
      assertThat(imports).as(name).containsExactly("import dev.baton.jenkins." + delegate);
      assertThat(srcClasses)
          .as(name + " delegates to src/")
          .contains("dev.baton.jenkins." + delegate);
      assertThat(body.get(2)).as(name).isEqualTo("}");
      Path help = file.resolveSibling(name + ".txt");
      assertThat(help).as("help page of " + name).isNotEmptyFile();
      assertThat(Files.readAllLines(help).get(0))
          .as("help page of " + name)
          .startsWith(name + ": ");
      library.compileScript(text, name);
    }
  }

  /**
   * {@code return new BatonRun(this, args, ...).run()}: the script and the arguments, handed on.
   */
  private static final Pattern DELEGATION =
      Pattern.compile("return new (\\w+)\\(this, args(, [^()]*)?\\)\\.\\w+\\(\\)");

  /** The lines of a Groovy file without comments and blank lines, stripped. */
  private static List<String> codeLines(String text) {
    String noBlockComments = text.replaceAll("(?s)/\\*.*?\\*/", "");
    return noBlockComments
        .lines()
        .map(l -> l.replaceAll("^\\s*//.*", "").strip())
        .filter(l -> !l.isEmpty())
        .toList();
  }

  @Test
  void fetchesTheCliOfThisBuildsVersionWrittenOnlyInTheVersionResource() throws Exception {
    Class<?> cli = new LibraryClasses(Testbed.LIBRARY, false).load("dev.baton.jenkins.BatonCli");
    Path resource =
        Testbed.LIBRARY
            .resolve("resources")
            .resolve((String) InvokerHelper.getProperty(cli, "VERSION_RESOURCE"));
    assertThat(Files.readString(resource).strip()).isEqualTo(Testbed.projectVersion());
    // The library's Groovy and shell name no version of their own.
    try (var files = Files.walk(Testbed.LIBRARY.resolve("src"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file))
            .as(file.toString())
            .doesNotContain(Testbed.projectVersion());
      }
    }
  }
}
