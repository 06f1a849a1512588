package dev.baton.core.descriptor.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.baton.core.errors.DescriptorProblem;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A long token (one word of a scalar, a key, a line of a block scalar) is read with work in
 * proportion to its length. SnakeYAML's own reader copied its whole unread window for every 1,024
 * characters it fetched, and the scanner keeps the window open across a token: a 4 MiB scalar
 * copied about 8 GiB and took over a minute. The work is counted as the bytes the reading thread
 * allocates, not as time.
 */
class LongTokensTest {
  private static final int LENGTH = 4 << 20;
  private static final String HEAD = "version: 1\nname: x\nsteps:\n  a:\n";

  @ParameterizedTest
  @ValueSource(strings = {"plain", "double-quoted", "single-quoted", "block", "key"})
  void aFourMebibyteTokenIsReadWithWorkInProportionToItsLength(String kind) {
    String word = "y".repeat(LENGTH);
    String text =
        switch (kind) {
          case "plain" -> HEAD + "    run: " + word + "\n";
          case "double-quoted" -> HEAD + "    run: \"" + word + "\"\n";
          case "single-quoted" -> HEAD + "    run: '" + word + "'\n";
          case "block" -> HEAD + "    run: |\n      " + word + "\n";
          default -> HEAD + "    run: 'true'\n    env:\n      ? " + word + "\n      : v\n";
        };
    List<DescriptorProblem> problems = new ArrayList<>();
    long before = allocatedBytes();
    YamlNode root = YamlTreeReader.read("baton.yaml", text, problems);
    long allocated = allocatedBytes() - before;

    assertThat(problems).isEmpty();
    assertThat(root).isNotNull();
    // The text as code points, the value, the parser's copies: tens of bytes a character. The
    // library's reader allocated about 4,000 bytes a character for this token.
    assertThat(allocated).isLessThan(64L * text.length());
  }

  private static long allocatedBytes() {
    return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }
}
