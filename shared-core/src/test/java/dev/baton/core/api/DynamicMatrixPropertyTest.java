package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.plan.Expansions;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dynamic axis is the same matrix as its values written out: for random axes, values, include and
 * exclude, the cells of an expansion (ids, order, commands, needs of the fan-in) equal the cells of
 * the static matrix with those values, which the reference here is.
 */
class DynamicMatrixPropertyTest {
  private static final int CASES = 150;

  @TempDir Path dir;

  @Test
  void expandingADynamicAxisGivesTheCellsOfTheSameMatrixWrittenOut() throws IOException {
    Random random = new Random(20261206);
    for (int n = 0; n < CASES; n++) {
      int axes = 1 + random.nextInt(3);
      int dynamicAxis = random.nextInt(axes);
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (int a = 0; a < axes; a++) {
        List<String> v = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
          String value = value(random);
          if (!v.contains(value)) {
            v.add(value);
          }
        }
        values.put("k" + a, v);
      }
      String includeExclude = includeExclude(random, values);
      String dynamicName = "k" + dynamicAxis;

      Plan dynamic = plan("d" + n, matrix(values, dynamicName) + includeExclude);
      PlannedStep pending = dynamic.step("work");
      assertThat(Expansions.isPending(pending)).isTrue();
      Expansions.Expansion e =
          Expansions.fromValues(dynamic, pending, Map.of(dynamicName, values.get(dynamicName)));
      Plan written;
      try {
        written = plan("w" + n, matrix(values, null) + includeExclude);
      } catch (DescriptorException refused) {
        // What planning refuses written out (every cell excluded, a cell without a key the
        // command reads) an expansion refuses too: the step is skipped or fails, no cell runs.
        assertThat(e.state()).as(refused.getMessage()).isNotEqualTo(Expansions.State.EXPANDED);
        continue;
      }
      List<PlannedStep> reference =
          written.steps().stream().filter(s -> s.stepName().equals("work")).toList();
      Plan resumed =
          Expansions.withExpansions(
              dynamic, Map.of("work", Map.of(dynamicName, values.get(dynamicName))));

      String why = "case " + n + ": " + values + " dynamic " + dynamicName + includeExclude;
      if (e.state() != Expansions.State.EXPANDED) {
        assertThat(reference).as(why).isEmpty();
        continue;
      }
      assertThat(e.cells())
          .as(why)
          .extracting(PlannedStep::id)
          .containsExactlyElementsOf(reference.stream().map(PlannedStep::id).toList());
      assertThat(e.cells())
          .as(why)
          .extracting(s -> s.command().display())
          .containsExactlyElementsOf(reference.stream().map(s -> s.command().display()).toList());
      assertThat(resumed.step("gather").needs())
          .as(why)
          .containsExactlyElementsOf(written.step("gather").needs());
    }
  }

  private Plan plan(String name, String matrix) throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: p
        steps:
          gen: {run: 'true'}
          work:
            needs: [gen]
            matrix:
        %s
            run: echo ${{ matrix.k0 }}
          gather: {needs: [work], run: 'true'}
        """
            .formatted(matrix));
    return new Baton(e -> {}).plan(BatonConfig.of(file));
  }

  private static String matrix(Map<String, List<String>> values, String dynamic) {
    StringBuilder sb = new StringBuilder();
    values.forEach(
        (k, v) -> {
          sb.append("      ").append(k).append(": ");
          if (k.equals(dynamic)) {
            sb.append("\"${{ fromJSON(needs.gen.outputs.").append(k).append(") }}\"");
          } else {
            sb.append("[").append(String.join(", ", v.stream().map(x -> "'" + x + "'").toList()));
            sb.append("]");
          }
          sb.append('\n');
        });
    return sb.toString();
  }

  private static String includeExclude(Random random, Map<String, List<String>> values) {
    StringBuilder sb = new StringBuilder();
    List<String> keys = new ArrayList<>(values.keySet());
    if (random.nextBoolean()) {
      String k = keys.get(random.nextInt(keys.size()));
      List<String> v = values.get(k);
      sb.append("      exclude: [{")
          .append(k)
          .append(": '")
          .append(v.get(random.nextInt(v.size())))
          .append("'}]\n");
    }
    if (random.nextBoolean()) {
      String k = keys.get(random.nextInt(keys.size()));
      sb.append("      include: [{").append(k).append(": '").append(value(random));
      sb.append(random.nextBoolean() ? "', extra: 'e'}]\n" : "'}]\n");
    }
    return sb.toString();
  }

  private static String value(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> String.valueOf(random.nextInt(5));
      case 1 -> "v" + random.nextInt(3);
      case 2 -> "0." + random.nextInt(3);
      default -> random.nextBoolean() ? "true" : "a-" + random.nextInt(2);
    };
  }
}
