package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.descriptor.AgentRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeasibilityTest {

  private static Agent agent(String name, Set<String> labels, String model, long memory, int n) {
    List<Gpu> gpus = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      gpus.add(new Gpu(i, model, memory, "GPU-" + i, false));
    }
    return new Agent(name, labels, 2, 16, OptionalLong.of(65536), gpus);
  }

  private static AgentRequest request(String label, int gpus) {
    return new AgentRequest(label, gpus, OptionalLong.empty(), "", 0, OptionalLong.empty());
  }

  private static final Agent WS1 =
      agent("ws1", Set.of("ws1", "gpu", "a100"), "NVIDIA A100-SXM4-80GB", 81920, 4);
  private static final Agent WS2 =
      agent("ws2", Set.of("ws2", "gpu", "h100"), "NVIDIA H100 80GB HBM3", 81559, 2);
  private static final Agent CPU = agent("cpu", Set.of("cpu", "linux"), "", 0, 0);

  @Test
  void agentFitsWhenLabelsMatchAndItHasEnoughGpus() {
    assertThat(Feasibility.fits(request("gpu && a100", 4), WS1)).isTrue();
    assertThat(Feasibility.fits(request("gpu && a100", 5), WS1)).isFalse();
    assertThat(Feasibility.fits(request("gpu && h100", 1), WS1)).isFalse();
    assertThat(Feasibility.fits(AgentRequest.ANY, CPU)).isTrue();
  }

  @Test
  void eligibleGpusFilterByModelCaseInsensitivelyAndByMemoryPerGpu() {
    Agent mixed =
        new Agent(
            "mixed",
            Set.of("mixed"),
            1,
            0,
            OptionalLong.empty(),
            List.of(
                new Gpu(0, "Tesla T4", 15360, "", false),
                new Gpu(3, "NVIDIA A100-PCIE-40GB", 40960, "", false),
                new Gpu(5, "NVIDIA A100-SXM4-80GB", 81920, "", false)));
    AgentRequest a100 =
        new AgentRequest("", 1, OptionalLong.empty(), "A100", 0, OptionalLong.empty());
    AgentRequest big = new AgentRequest("", 1, OptionalLong.of(65536), "", 0, OptionalLong.empty());

    assertThat(Feasibility.eligibleGpus(a100, mixed)).containsExactly(3, 5);
    assertThat(Feasibility.eligibleGpus(big, mixed)).containsExactly(5);
    assertThat(Feasibility.eligibleGpus(AgentRequest.ANY, mixed)).containsExactly(0, 3, 5);
  }

  @Test
  void gpuMemoryAllowsForWhatNvidiaSmiReportsBelowTheBoxSize() {
    AgentRequest eightyGb =
        new AgentRequest("", 2, OptionalLong.of(80 * 1024), "", 0, OptionalLong.empty());

    // An "80GB" H100 reports 81559 MiB, under 80 * 1024.
    assertThat(Feasibility.fits(eightyGb, WS2)).isTrue();
  }

  @Test
  void unknownCpusMemoryAndGpuMemoryDoNotCountAgainstAnAgent() {
    Agent unknown =
        new Agent(
            "sim",
            Set.of("sim"),
            1,
            0,
            OptionalLong.empty(),
            List.of(new Gpu(0, "Simulated GPU", 0, "", true)));
    AgentRequest heavy =
        new AgentRequest("", 1, OptionalLong.of(40960), "", 64, OptionalLong.of(1 << 20));

    assertThat(Feasibility.fits(heavy, unknown)).isTrue();
  }

  @Test
  void cpusAndMemoryMustSuffice() {
    AgentRequest manyCores =
        new AgentRequest("", 0, OptionalLong.empty(), "", 32, OptionalLong.empty());
    AgentRequest muchMemory =
        new AgentRequest("", 0, OptionalLong.empty(), "", 0, OptionalLong.of(131072));

    assertThat(Feasibility.fits(manyCores, CPU)).isFalse();
    assertThat(Feasibility.fits(muchMemory, CPU)).isFalse();
    assertThat(Feasibility.whyUnschedulable("big", muchMemory, List.of(CPU)))
        .hasValueSatisfying(
            m -> assertThat(m).contains("agent cpu has 64 GiB of memory (needs 128 GiB)"));
  }

  @Test
  void nothingToSayWhenSomeAgentCouldRunTheStep() {
    assertThat(Feasibility.whyUnschedulable("train", request("gpu", 2), List.of(CPU, WS1)))
        .isEmpty();
  }

  @Test
  void namesTheClosestAgentsAndWhatEachLacksWhenOnlyA100AgentsExist() {
    Agent ws3 = agent("ws3", Set.of("ws3", "gpu", "a100", "linux"), "NVIDIA A100", 40960, 1);

    assertThat(Feasibility.whyUnschedulable("train", request("gpu && h100", 4), List.of(WS1, ws3)))
        .hasValue(
            "no agent can run step train: it needs label 'gpu && h100' and 4 GPUs; closest:"
                + " agent ws1 has labels a100, gpu but not h100;"
                + " agent ws3 has labels a100, gpu, linux but not h100 and 1 GPU (needs 4);"
                + " use an agent that has them, or lower the request");
  }

  @Test
  void ranksAgentsByHowManyCriteriaFailAndNamesAtMostThree() {
    Agent fewGpus = agent("few", Set.of("few", "gpu", "h100"), "NVIDIA H100", 81559, 2);
    List<Agent> agents = List.of(CPU, WS1, agent("other", Set.of("other"), "", 0, 0), fewGpus);

    String message =
        Feasibility.whyUnschedulable("train", request("gpu && h100", 4), agents).orElseThrow();

    String closest = message.substring(message.indexOf("closest: "));
    assertThat(closest)
        .isEqualTo(
            "closest: agent ws1 has labels a100, gpu but not h100;"
                + " agent few has gpu, h100 but 2 GPUs (needs 4);"
                + " agent cpu has labels linux but not gpu, h100 and no GPUs (needs 4);"
                + " use an agent that has them, or lower the request");
  }

  @Test
  void saysWhichExcludedLabelStandsInTheWay() {
    Agent flaky = agent("f1", Set.of("f1", "gpu", "a100", "flaky"), "A100", 81920, 1);

    assertThat(
            Feasibility.whyUnschedulable(
                "train", request("gpu && (a100 || h100) && !flaky", 1), List.of(flaky)))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains(
                        "agent f1 has labels a100, flaky, gpu, and the label excludes flaky"));
  }

  @Test
  void suggestsTheNearestKnownLabelForATypo() {
    assertThat(Feasibility.whyUnschedulable("train", request("gpux", 0), List.of(WS1)))
        .hasValueSatisfying(
            m -> assertThat(m).contains("; no agent has label 'gpux' (did you mean 'gpu'?);"));
  }

  @Test
  void pointsOutLabelsThatDifferOnlyInCase() {
    assertThat(Feasibility.whyUnschedulable("train", request("H100", 0), List.of(WS2)))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("but not H100 (it has h100; labels are case-sensitive)")
                    .contains("no agent has label 'H100' (did you mean 'h100'?)"));
  }

  @Test
  void explainsModelAndMemoryShortfallsPerGpu() {
    AgentRequest h100s =
        new AgentRequest("gpu", 2, OptionalLong.of(40960), "h100", 0, OptionalLong.empty());

    assertThat(Feasibility.whyUnschedulable("train", h100s, List.of(WS1)))
        .hasValue(
            "no agent can run step train: it needs label 'gpu' and 2 GPUs of model h100 with 40"
                + " GiB each; closest: agent ws1 has gpu but 4 GPUs (4x a100 80 GiB) of which 0"
                + " qualify (needs 2); use an agent that has them, or lower the request");
  }

  @Test
  void unreadableLabelIsReportedNotThrown() {
    assertThat(Feasibility.whyUnschedulable("train", request("gpu &", 0), List.of(WS1)))
        .hasValue(
            "step train cannot be placed: label expression 'gpu &' at column 5: unexpected '&';"
                + " use '&&'");
    assertThatThrownBy(() -> Feasibility.fits(request("gpu &", 0), WS1))
        .isInstanceOf(LabelExpressionException.class);
  }

  @Test
  void noAgentsAtAllIsSaidPlainly() {
    assertThat(Feasibility.whyUnschedulable("train", request("", 1), List.of()))
        .hasValueSatisfying(m -> assertThat(m).contains("1 GPU; there are no agents"));
  }

  @Test
  void onAMixedAgentTheLabelPicksGpusOfTheModelItNames() {
    List<Gpu> gpus =
        List.of(
            new Gpu(0, "NVIDIA A100-SXM4-80GB", 81920, "GPU-0", false),
            new Gpu(1, "NVIDIA A100-SXM4-80GB", 81920, "GPU-1", false),
            new Gpu(2, "NVIDIA H100 80GB HBM3", 81559, "GPU-2", false),
            new Gpu(3, "NVIDIA H100 80GB HBM3", 81559, "GPU-3", false));
    Agent mixed =
        new Agent("box", Set.of("box", "gpu", "a100", "h100"), 4, 16, OptionalLong.empty(), gpus);
    assertThat(Feasibility.eligibleGpus(request("gpu && h100", 1), mixed)).containsExactly(2, 3);
    assertThat(Feasibility.eligibleGpus(request("gpu && !h100", 1), mixed)).containsExactly(0, 1);
    assertThat(Feasibility.eligibleGpus(request("a100 || h100", 1), mixed))
        .containsExactly(0, 1, 2, 3);
    assertThat(Feasibility.fits(request("gpu && h100", 3), mixed)).isFalse();
  }

  private static final Agent MIXED =
      new Agent(
          "box",
          Set.of("box", "gpu", "a100", "h100"),
          4,
          16,
          OptionalLong.of(65536),
          List.of(
              new Gpu(0, "NVIDIA A100-SXM4-80GB", 81920, "GPU-0", false),
              new Gpu(1, "NVIDIA A100-SXM4-80GB", 81920, "GPU-1", false),
              new Gpu(2, "NVIDIA H100 80GB HBM3", 81559, "GPU-2", false),
              new Gpu(3, "NVIDIA H100 80GB HBM3", 81559, "GPU-3", false)));

  @Test
  void upFrontCheckAcceptsOnAMixedAgentWhatPlacementGivesGpusFor() {
    // The documented pattern: a label that excludes one of the agent's models picks the others.
    for (String label :
        List.of("gpu && !h100", "!h100", "gpu && (a100 || !h100)", "!(h100 || flaky)")) {
      for (int gpus = 0; gpus <= 2; gpus++) {
        AgentRequest request = request(label, gpus);
        assertThat(Feasibility.fits(request, MIXED)).as(label + " x" + gpus).isTrue();
        assertThat(Feasibility.whyUnschedulable("train", request, List.of(MIXED)))
            .as(label + " x" + gpus)
            .isEmpty();
        assertThat(Feasibility.eligibleGpus(request, MIXED)).containsExactly(0, 1);
      }
    }
  }

  @Test
  void upFrontCheckAndPlacementAgreeOnEveryLabelCountAndModelOfAMixedAgent() {
    List<String> labels =
        List.of(
            "",
            "gpu",
            "gpu && h100",
            "gpu && a100",
            "gpu && !h100",
            "gpu && !a100",
            "!a100 && !h100",
            "a100 && h100",
            "a100 || h100",
            "h100 -> flaky",
            "a100 <-> !h100",
            "box && !gpu");
    for (String label : labels) {
      for (String model : List.of("", "a100", "H100", "v100")) {
        for (int gpus = 0; gpus <= 5; gpus++) {
          AgentRequest request =
              new AgentRequest(label, gpus, OptionalLong.empty(), model, 0, OptionalLong.empty());
          boolean fits = Feasibility.fits(request, MIXED);
          boolean explained =
              Feasibility.whyUnschedulable("s", request, List.of(MIXED)).isPresent();
          String what = label + " / " + model + " / " + gpus;
          assertThat(explained).as(what).isEqualTo(!fits);
          if (gpus > 0) {
            // A step that needs GPUs fits exactly when placement finds enough of them.
            assertThat(fits)
                .as(what)
                .isEqualTo(Feasibility.eligibleGpus(request, MIXED).size() >= gpus);
          }
        }
      }
    }
  }

  @Test
  void labelExcludingEveryModelOfAMixedAgentIsStillRefusedNamingTheExclusion() {
    assertThat(
            Feasibility.whyUnschedulable(
                "train", request("gpu && !h100 && !a100", 1), List.of(MIXED)))
        .hasValueSatisfying(m -> assertThat(m).contains("the label excludes h100, a100"));
  }

  @Test
  void cpusAndMemoryStillCountOnAMixedAgentWhoseLabelMatchesPerModel() {
    AgentRequest tooMany =
        new AgentRequest("gpu && !h100", 1, OptionalLong.empty(), "", 64, OptionalLong.empty());

    assertThat(Feasibility.whyUnschedulable("train", tooMany, List.of(MIXED)))
        .hasValueSatisfying(
            m -> assertThat(m).contains("agent box has gpu but 16 CPUs (needs 64)"));
  }
}
