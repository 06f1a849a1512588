package dev.baton.core.agents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Puts one of the fake {@code nvidia-smi} scripts from test resources on a PATH of its own. */
final class FakeNvidiaSmi {
  private FakeNvidiaSmi() {}

  /** Copies {@code fake-nvidia-smi/<variant>/nvidia-smi} into {@code dir/bin}; returns that bin. */
  static Path install(Path dir, String variant) {
    String resource = "/fake-nvidia-smi/" + variant + "/nvidia-smi";
    try (InputStream in = FakeNvidiaSmi.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Path smi = bin.resolve("nvidia-smi");
      Files.copy(in, smi, StandardCopyOption.REPLACE_EXISTING);
      // Resource copying drops the executable bit.
      if (!smi.toFile().setExecutable(true)) {
        throw new IOException("cannot make " + smi + " executable");
      }
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An environment whose PATH finds {@code bin} first, then the system's shell tools. */
  static Map<String, String> pathWith(Path bin) {
    return Map.of("PATH", bin + ":/usr/bin:/bin");
  }
}
