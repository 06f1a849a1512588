package dev.baton.core.cache;

import dev.baton.core.descriptor.Command;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a step's result depends on, as far as Baton can know, and its SHA-256. The encoding is
 * versioned and length-prefixed, so no two different inputs encode alike ({@code a=bc} never
 * collides with {@code ab=c}).
 *
 * @param env the environment the key covers: the pipeline's and step's own variables and the stable
 *     {@code BATON_*} ones, never per-run values such as {@code BATON_RUN_ID}
 * @param workdir the working directory relative to the workspace
 * @param inputs every input file with its content hash, sorted by path
 * @param hardware see {@link HardwareKey}
 */
record CacheKey(
    Command command,
    Map<String, String> env,
    Map<String, String> params,
    Map<String, String> matrix,
    String workdir,
    List<String> outputs,
    List<InputFiles.Digest> inputs,
    String hardware) {
  static final String VERSION = "baton-step-cache-1";

  /** The key as 64 hex digits. */
  String sha256() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      text(out, VERSION);
      if (command instanceof Command.Shell shell) {
        text(out, "shell");
        text(out, shell.script());
      } else {
        List<String> args = ((Command.Argv) command).args();
        text(out, "argv");
        out.writeInt(args.size());
        for (String arg : args) {
          text(out, arg);
        }
      }
      map(out, "env", env);
      map(out, "params", params);
      map(out, "matrix", matrix);
      text(out, "workdir");
      text(out, workdir);
      text(out, "outputs");
      out.writeInt(outputs.size());
      for (String o : outputs) {
        text(out, o);
      }
      text(out, "inputs");
      out.writeInt(inputs.size());
      for (InputFiles.Digest d : inputs) {
        text(out, d.path());
        text(out, d.sha256());
      }
      text(out, "hardware");
      text(out, hardware);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Sha256.of(bytes.toByteArray());
  }

  private static void map(DataOutputStream out, String name, Map<String, String> m)
      throws IOException {
    text(out, name);
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
      text(out, e.getKey());
      text(out, e.getValue());
    }
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
