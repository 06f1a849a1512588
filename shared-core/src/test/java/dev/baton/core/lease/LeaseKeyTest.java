package dev.baton.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lease file names: one per leased thing, never shared by two things. */
class LeaseKeyTest {

  @Test
  void distinctTrickyNamesGetDistinctSafeFileNames() throws Exception {
    List<String> names =
        new ArrayList<>(
            List.of(
                "",
                ".",
                "..",
                "-",
                "-x",
                ".x",
                "x.",
                "x-",
                "a/b",
                "a_2fb",
                "a_b",
                "a b",
                "a\tb",
                "a",
                "A",
                "ä",
                "a\u0308",
                "gpu0",
                "_",
                "_5f",
                "__",
                "a..b",
                "../etc",
                "x/../y",
                "\u0000",
                "ws1",
                "ws1-gpu0",
                "日本"));
    names.add("a".repeat(120));
    names.add("a".repeat(121));
    names.add("a".repeat(200));
    names.add("a".repeat(199) + "b");
    names.add("/".repeat(40)); // 120 characters once escaped
    names.add("/".repeat(41));

    Map<String, String> seen = new HashMap<>();
    for (String name : names) {
      String safe = LeaseKey.safe(name);
      assertThat(seen.put(safe, name)).as("%s and another name share %s", name, safe).isNull();
      assertThat(safe).as(name).matches("[A-Za-z0-9_][A-Za-z0-9_.-]*|").doesNotContain("/");
      assertThat(safe.length()).as(name).isLessThanOrEqualTo(120);
    }
  }

  @Test
  void aLongNameNeverSharesAFileWithAShortNameSpellingItsDigest() throws Exception {
    // A long name is cut and followed by a digest; a short name whose escaped form spells that
    // same cut-plus-digest must still get a different file.
    int checked = 0;
    for (int i = 0; i < 64; i++) {
      String longName = "g".repeat(130) + i;
      String shortName = shortNameSpelling(longName);
      if (shortName != null) {
        assertThat(LeaseKey.safe(shortName))
            .as("%s and %s", longName, shortName)
            .isNotEqualTo(LeaseKey.safe(longName));
        checked++;
      }
    }
    assertThat(checked).as("long names whose digest starts with an escaped byte").isPositive();
  }

  @Test
  void simulatedGpusAreKeyedByAgentRealOnesByIndexAlone() {
    Agent sim = agent("ws 1", new Gpu(0, "sim", 0, "", true), new Gpu(1, "sim", 0, "", true));
    Agent real = agent("local", new Gpu(0, "a100", 81920, "GPU-x", false));
    Agent otherName = agent("other", new Gpu(0, "a100", 81920, "GPU-x", false));

    assertThat(LeaseKey.gpu(sim, 1)).isEqualTo("sim-ws_201-gpu1");
    assertThat(LeaseKey.gpu(real, 0)).isEqualTo("gpu0").isEqualTo(LeaseKey.gpu(otherName, 0));
    assertThat(LeaseKey.groupSlot("prod deploy", 2)).isEqualTo("group-prod_20deploy-slot2");
  }

  /**
   * A name of at most 120 escaped characters whose file name would be {@code safe(longName)} if the
   * digest followed the cut as plain {@code _XX} escapes; null when the digest's first byte is a
   * letter or digit (no such name then).
   */
  private static String shortNameSpelling(String longName) throws Exception {
    byte[] d =
        MessageDigest.getInstance("SHA-256").digest(longName.getBytes(StandardCharsets.UTF_8));
    int first = d[0] & 0xff;
    boolean escaped =
        first < 0x80 && !Character.isLetterOrDigit((char) first) && first != '.' && first != '-';
    if (!escaped) {
      return null;
    }
    String hex = HexFormat.of().formatHex(d, 1, 8);
    return longName.substring(0, 60) + (char) first + hex;
  }

  private static Agent agent(String name, Gpu... gpus) {
    return new Agent(name, Set.of(name), 1, 0, OptionalLong.empty(), List.of(gpus));
  }
}
