package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryTableTest {

  @Test
  void listsEachGpuWithModelMemoryAndWhetherItIsBusy() {
    Agent ws1 =
        new Agent(
            "ws1",
            Set.of("ws1", "gpu", "a100"),
            4,
            16,
            OptionalLong.empty(),
            List.of(
                new Gpu(0, "NVIDIA A100-SXM4-80GB", 81920, "GPU-0", false),
                new Gpu(1, "NVIDIA A100-SXM4-80GB", 81920, "GPU-1", false)));
    Agent sim =
        new Agent(
            "sim",
            Set.of("sim", "gpu"),
            1,
            0,
            OptionalLong.empty(),
            List.of(new Gpu(0, "Simulated GPU", 0, "", true)));
    Agent cpu = new Agent("cpu", Set.of("cpu", "linux"), 2, 4, OptionalLong.empty(), List.of());

    String table = InventoryTable.render(List.of(ws1, sim, cpu), Map.of("ws1", Set.of(1)));

    assertThat(table.lines())
        .containsExactly(
            "AGENT  LABELS          EXECUTORS  GPU  MODEL                      MEMORY   STATE",
            "ws1    a100, gpu, ws1  4          0    NVIDIA A100-SXM4-80GB      80 GiB   free",
            "                                  1    NVIDIA A100-SXM4-80GB      80 GiB   busy",
            "sim    gpu, sim        1          0    Simulated GPU (simulated)  unknown  free",
            "cpu    cpu, linux      2          -");
  }

  @Test
  void emptyInventoryStillHasAHeader() {
    assertThat(InventoryTable.render(List.of(), Map.of())).startsWith("AGENT").endsWith("\n");
  }
}
