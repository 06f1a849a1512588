package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheManifestTest {
  @Test
  void roundTripsNamesWithTabsNewlinesAndBackslashes() throws IOException {
    CacheManifest m =
        new CacheManifest(
            CacheManifest.VERSION,
            "k".repeat(64),
            "train[lr=0.1]",
            List.of(
                new CacheManifest.Item("out/", "out", "dir", 0, "", "rwxr-xr-x", "", ""),
                new CacheManifest.Item(
                    "out/", "out/a\tb\nc\\d", "file", 12, "ab".repeat(32), "rw-r--r--", "", "1"),
                new CacheManifest.Item("out/", "out/l", "link", 0, "", "", "a\tb\nc\\d", "")));
    assertThat(CacheManifest.fromText(m.toText())).isEqualTo(m);
  }

  @Test
  void aDamagedManifestIsAnError() {
    assertThatThrownBy(
            () -> CacheManifest.fromText("{\"json\": true}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                CacheManifest.fromText(
                    "baton-cache-manifest 1\nkey\tk\nstep\ts\nitem\tfile\tout\n"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("fields");
  }
}
