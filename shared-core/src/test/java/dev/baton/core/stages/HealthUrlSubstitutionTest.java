package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.DeploySpec;
import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Planner;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthUrlSubstitutionTest {
  @Test
  void healthUrlGetsParametersSubstitutedUnquoted() {
    Plan plan =
        Planner.plan(
            DescriptorReader.parse(
                Path.of("baton.yaml"),
                """
                version: 1
                name: url
                params: {port: "8080"}
                steps:
                  release:
                    deploy:
                      strategy: canary
                      shift: echo ${{ deploy.weight }}
                      health: {http: "http://127.0.0.1:${{ params.port }}/health"}
                      rollback: echo 0
                """),
            Map.of("port", "18431"),
            Set.of(),
            Optional.empty());
    DeploySpec deploy = (DeploySpec) plan.steps().get(0).spec().stage().orElseThrow();
    assertThat(deploy.health().orElseThrow().http()).contains("http://127.0.0.1:18431/health");
  }
}
