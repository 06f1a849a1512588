package dev.baton.maven;

import dev.baton.core.agents.InventoryTable;
import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code baton:agents}: the agents the pipeline's steps would run on, with their labels and GPUs
 * (index, model, memory), as {@code baton agents} prints them.
 */
@Mojo(name = "agents", threadSafe = true, requiresProject = false)
public class AgentsMojo extends AbstractBatonMojo {
  @Override
  protected void process(Baton baton, BatonConfig config) {
    for (String line : InventoryTable.render(baton.agents(config), Map.of()).lines().toList()) {
      getLog().info(line);
    }
  }
}
