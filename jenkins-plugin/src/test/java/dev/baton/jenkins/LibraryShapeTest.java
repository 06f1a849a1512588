package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.LibraryClasses;
import groovy.lang.GroovySystem;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @ParameterizedTest(name = "cps={0}")
  @ValueSource(booleans = {false, true})
  void everySrcClassCompilesAndIsSerializable(boolean cps) throws Exception {
    LibraryClasses library = new LibraryClasses(Testbed.LIBRARY, cps);
    List<String> names = LibraryClasses.names(Testbed.LIBRARY);
    assertThat(names).contains("dev.baton.jenkins.BatonRun", "dev.baton.jenkins.StepBranch");
    for (String name : names) {
      assertThat(Serializable.class.isAssignableFrom(library.load(name))).as(name).isTrue();
    }
  }

  @ParameterizedTest(name = "cps={0}")
  @ValueSource(booleans = {false, true})
  void everyVarsFileIsTinyCompilesAndHasAHelpPage(boolean cps) throws Exception {
    LibraryClasses library = new LibraryClasses(Testbed.LIBRARY, cps);
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
      assertThat(Files.readAllLines(file)).as(name).hasSizeBetween(9, 25);
      assertThat(file.resolveSibling(name + ".txt")).as("help page of " + name).isNotEmptyFile();
      library.compileScript(Files.readString(file), name);
    }
  }

  @Test
  void fetchesTheCliOfThisVersion() throws Exception {
    Class<?> cli = new LibraryClasses(Testbed.LIBRARY, false).load("dev.baton.jenkins.BatonCli");
    assertThat(InvokerHelper.getProperty(cli, "VERSION"))
        .isEqualTo(System.getProperty("baton.projectVersion", "0.1.0-SNAPSHOT"));
  }
}
