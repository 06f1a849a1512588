package dev.baton.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.baton.core.exec.ForwardingStepHandle;
import dev.baton.core.exec.StepHandle;
import org.junit.jupiter.api.Test;

/**
 * A handle that decorates another one extends {@link ForwardingStepHandle}, so no question about
 * the attempt (its process group, Slurm job, usage, image) is lost on the way to the engine.
 */
class HandleDecoratorsTest {
  private static final DescribedPredicate<JavaClass> DECORATES_A_HANDLE =
      DescribedPredicate.describe(
          "hold the StepHandle they decorate",
          c ->
              c.isAssignableTo(StepHandle.class)
                  && !c.isInterface()
                  && c.getFields().stream()
                      .anyMatch(f -> f.getRawType().isAssignableTo(StepHandle.class)));

  @Test
  void everyHandleThatHoldsAnotherForwardsToIt() {
    classes()
        .that(DECORATES_A_HANDLE)
        .should()
        .beAssignableTo(ForwardingStepHandle.class)
        .orShould()
        .be(ForwardingStepHandle.class)
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baton.core"));
  }
}
