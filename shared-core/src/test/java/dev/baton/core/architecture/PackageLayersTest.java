package dev.baton.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * baton-core's packages form layers with one direction of dependency, checked over the compiled
 * classes: a package may use the packages below it, never one above it, and no group of packages
 * (sub-packages included) depends on itself in a cycle. {@code api} is the top of the core; the
 * front ends (the baton-cli module, the Maven goals, the Jenkins library) sit above it, in their
 * own modules, so the core cannot even see them.
 */
class PackageLayersTest {
  /** Bottom first. A package may depend on any package listed before it, never on one after. */
  static final List<List<String>> LAYERS =
      List.of(
          List.of("errors"),
          List.of("io", "os"),
          List.of("record"),
          List.of("expr"),
          List.of("descriptor"),
          List.of("agents"),
          List.of("plan"),
          List.of("schedule"),
          List.of("events"),
          List.of("secrets"),
          List.of("exec"),
          List.of("limits"),
          List.of("usage"),
          List.of("lease"),
          List.of("cache"),
          List.of("stages"),
          List.of("state"),
          List.of("report"),
          List.of("history"),
          List.of("notify"),
          List.of("engine"),
          List.of("api"));

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.baton.core");
  }

  @Test
  void everyPackageIsInALayer() {
    List<String> listed = LAYERS.stream().flatMap(List::stream).toList();
    List<String> unlisted =
        core.stream()
            .map(c -> c.getPackageName().substring("dev.baton.core.".length()).split("\\.")[0])
            .distinct()
            .filter(p -> !listed.contains(p))
            .sorted()
            .toList();
    // A new package must be placed in a layer, so the rule below covers it.
    Assertions.assertThat(unlisted).isEmpty();
  }

  @Test
  void noPackageDependsOnALayerAboveIt() {
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      String[] here = packages(LAYERS.get(i));
      String[] above =
          packages(LAYERS.subList(i + 1, LAYERS.size()).stream().flatMap(List::stream).toList());
      noClasses()
          .that()
          .resideInAnyPackage(here)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(above)
          .because("layer " + LAYERS.get(i) + " is below " + Arrays.toString(above))
          .check(core);
    }
  }

  @Test
  void nothingBelowDependsOnTheApi() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.baton.core.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.baton.core.api..")
        .check(core);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.baton.core.(**)").should().beFreeOfCycles().check(core);
  }

  private static String[] packages(List<String> names) {
    return names.stream()
        .map(n -> "dev.baton.core." + n + "..")
        .collect(Collectors.toList())
        .toArray(String[]::new);
  }
}
