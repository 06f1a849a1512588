package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import dev.baton.core.descriptor.Command;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  private static final CacheKey BASE =
      new CacheKey(
          new Command.Shell("python train.py --lr 0.1"),
          Map.of("LR", "0.1", "BATON_STEP_ID", "train"),
          Map.of("rows", "400"),
          Map.of("lr", "0.1"),
          "",
          List.of("build/model/"),
          List.of(new InputFiles.Digest("train.py", "aa"), new InputFiles.Digest("data.csv", "bb")),
          "Linux/amd64 gpus=0 {}");

  private static String keyWith(UnaryOperator<CacheKey> change) {
    return change.apply(BASE).sha256();
  }

  @Test
  void sameInputsGiveTheSameKey() {
    CacheKey copy =
        new CacheKey(
            BASE.command(),
            new HashMap<>(BASE.env()),
            BASE.params(),
            BASE.matrix(),
            BASE.workdir(),
            BASE.outputs(),
            BASE.inputs(),
            BASE.hardware());
    assertThat(copy.sha256()).isEqualTo(BASE.sha256()).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void everyPartChangesTheKey() {
    String base = BASE.sha256();
    List<String> changed =
        List.of(
            keyWith(k -> with(k, new Command.Shell("python train.py --lr 0.2"), null, null, null)),
            keyWith(
                k -> with(k, new Command.Argv(List.of("python", "train.py")), null, null, null)),
            keyWith(k -> with(k, null, Map.of("LR", "0.2", "BATON_STEP_ID", "train"), null, null)),
            keyWith(k -> with(k, null, null, Map.of("rows", "401"), null)),
            keyWith(
                k ->
                    with(
                        k,
                        null,
                        null,
                        null,
                        List.of(
                            new InputFiles.Digest("train.py", "aa"),
                            new InputFiles.Digest("data.csv", "bc")))),
            new CacheKey(
                    BASE.command(),
                    BASE.env(),
                    BASE.params(),
                    BASE.matrix(),
                    BASE.workdir(),
                    BASE.outputs(),
                    BASE.inputs(),
                    "Linux/amd64 gpus=1 {NVIDIA H100=1}")
                .sha256(),
            new CacheKey(
                    BASE.command(),
                    BASE.env(),
                    BASE.params(),
                    Map.of("lr", "0.2"),
                    BASE.workdir(),
                    BASE.outputs(),
                    BASE.inputs(),
                    BASE.hardware())
                .sha256());
    assertThat(changed).doesNotContain(base).doesNotHaveDuplicates();
  }

  @Test
  void lengthPrefixesKeepNeighbouringFieldsApart() {
    String ab = with(BASE, null, Map.of("a", "bc"), null, null).sha256();
    String a = with(BASE, null, Map.of("ab", "c"), null, null).sha256();
    assertThat(ab).isNotEqualTo(a);
  }

  @Test
  void perRunBatonVariablesAndInheritedOnesStayOutOfTheKey() {
    Map<String, String> run1 = new HashMap<>();
    run1.put("PATH", "/usr/bin");
    run1.put("BUILD_NUMBER", "17");
    run1.put("LR", "0.1");
    run1.put("BATON_RUN_ID", "20260101-000000-aaaa");
    run1.put("BATON_ATTEMPT", "1");
    run1.put("BATON_REPORT_DIR", "/ws/.baton/runs/1");
    run1.put("BATON_AGENT", "local");
    run1.put("CUDA_VISIBLE_DEVICES", "0");
    run1.put("BATON_STEP_ID", "train");
    Map<String, String> run2 = new HashMap<>(run1);
    run2.put("BUILD_NUMBER", "18");
    run2.put("BATON_RUN_ID", "20260102-000000-bbbb");
    run2.put("BATON_ATTEMPT", "2");
    run2.put("BATON_REPORT_DIR", "/ws/.baton/runs/2");
    run2.put("CUDA_VISIBLE_DEVICES", "3");

    Map<String, String> stable1 = CacheKeys.stableEnvironment(run1, Set.of("LR"));
    assertThat(stable1).isEqualTo(CacheKeys.stableEnvironment(run2, Set.of("LR")));
    assertThat(stable1).containsOnlyKeys("LR", "BATON_STEP_ID");
  }

  @Test
  void hardwareNamesTheModelsOfTheHeldGpusNotTheirIndices() {
    Agent agent =
        new Agent(
            "box",
            Set.of("box"),
            4,
            8,
            OptionalLong.empty(),
            List.of(
                new Gpu(0, "NVIDIA A100", 80_000, "", false),
                new Gpu(1, "NVIDIA A100", 80_000, "", false),
                new Gpu(2, "NVIDIA H100", 80_000, "", false)));
    assertThat(HardwareKey.of(agent, List.of(0), Map.of()))
        .isEqualTo(HardwareKey.of(agent, List.of(1), Map.of()))
        .isNotEqualTo(HardwareKey.of(agent, List.of(2), Map.of()))
        .isNotEqualTo(HardwareKey.of(agent, List.of(0, 1), Map.of()))
        .isNotEqualTo(HardwareKey.of(agent, List.of(), Map.of()));
    assertThat(HardwareKey.of(agent, List.of(2), Map.of("BATON_HARDWARE", "rig-7")))
        .contains("rig-7");
  }

  private static CacheKey with(
      CacheKey k,
      Command command,
      Map<String, String> env,
      Map<String, String> params,
      List<InputFiles.Digest> inputs) {
    return new CacheKey(
        command == null ? k.command() : command,
        env == null ? k.env() : env,
        params == null ? k.params() : params,
        k.matrix(),
        k.workdir(),
        k.outputs(),
        inputs == null ? k.inputs() : inputs,
        k.hardware());
  }
}
