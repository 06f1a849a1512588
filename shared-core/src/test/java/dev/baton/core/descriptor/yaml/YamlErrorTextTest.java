package dev.baton.core.descriptor.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.errors.DescriptorException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Found by the descriptor fuzz test: YAML errors used to show the library's event objects. */
class YamlErrorTextTest {
  @Test
  void aMappingWhereAKeyShouldBeIsDescribedInWords() {
    String yaml = "version: 1\nname: x\nsteps:\n  a: {run: true, {b: 1}: 2}\n";

    assertThatThrownBy(() -> DescriptorReader.parse(Path.of("baton.yaml"), yaml))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("baton.yaml:4:")
        .hasMessageContaining("not valid YAML: ")
        .hasMessageContaining("the start of a mapping")
        .hasMessageNotContaining("org.yaml")
        .hasMessageNotContaining("Event");
  }

  @Test
  void libraryNamesBecomeWords() {
    assertThat(
            YamlErrorText.of(
                "Expected a field name (Scalar value in YAML), got this instead:"
                    + " <org.yaml.snakeyaml.events.SequenceStartEvent(anchor=null, tag=null)>\n at x"))
        .isEqualTo(
            "Expected a field name (Scalar value in YAML), got this instead: the start of a list");
    assertThat(YamlErrorText.of("bad com.fasterxml.jackson.core.JsonToken here"))
        .isEqualTo("bad something unexpected here");
    assertThat(YamlErrorText.of(null)).isEqualTo("unreadable input");
  }
}
