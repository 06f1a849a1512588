package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.Plan;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The plan as an SVG file before a run: the same picture as report.html's, styled from inside. */
class PlanSvgTest {
  private static final Path QUICKSTART =
      Path.of("..", "examples", "quickstart", "baton.yaml").toAbsolutePath().normalize();

  @Test
  void theQuickstartPlanIsAStandaloneSvgWithItsMatrixAsOneNodeAndTheLongestChainMarked()
      throws Exception {
    Plan plan = new Baton(e -> {}).plan(BatonConfig.of(QUICKSTART));

    String svg = PlanFormats.render(plan, "svg");

    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(svg).startsWith("<?xml").contains("<style><![CDATA[", ".dag-box {");
    assertThat(count(svg, "<g class=\"dag-node ")).isEqualTo(6);
    assertThat(svg).contains(">train</text>", ">3 cells</text>", ">benchmark</text>");
    // Before a run the critical path is the longest chain by steps: five of the six.
    assertThat(count(svg, "<g class=\"dag-node planned critical\"")).isEqualTo(5);
    assertThat(svg).doesNotContain("<script", "style=\"");
  }

  @Test
  void anUnknownFormatNamesSvgAmongTheChoices() throws Exception {
    Plan plan = new Baton(e -> {}).plan(BatonConfig.of(QUICKSTART));

    assertThatThrownBy(() -> PlanFormats.render(plan, "png"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("text, json, dot, mermaid, svg");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
