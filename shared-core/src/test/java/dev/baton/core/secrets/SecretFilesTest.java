package dev.baton.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.descriptor.SecretSpec;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.errors.UsageException;
import dev.baton.core.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret file is read bounded: devices, FIFOs and oversized files are refused, not read. */
class SecretFilesTest {
  @TempDir Path workspace;

  @Test
  void aSecretFileThatIsAnEndlessDeviceIsRefusedBeforeAnythingRuns() {
    assertThat(refusal("/dev/zero"))
        .contains("secret TOKEN (baton.yaml:4:3): cannot read file /dev/zero")
        .contains("is a character device, not a regular file");
  }

  @Test
  void aSecretFileThatIsAFifoIsRefusedNotWaitedFor() throws Exception {
    SpecialFiles.fifo(workspace.resolve("token"));
    assertThat(refusal("token")).contains("is a FIFO (named pipe), not a regular file");
  }

  @Test
  void aSecretFileLargerThanAnySecretIsRefused() throws Exception {
    Files.write(workspace.resolve("token"), new byte[(int) SecretResolver.MAX_FILE_BYTES + 1]);
    assertThat(refusal("token")).contains("is larger than 256 KiB");
  }

  @Test
  void aSecretOnlyReadForMaskingIsNotWaitedForEither() throws Exception {
    SpecialFiles.fifo(workspace.resolve("token"));
    RunSecrets secrets =
        SecretResolver.resolve(Map.of("TOKEN", spec("token")), List.of(), workspace, Map.of());
    assertThat(secrets).isNotNull();
  }

  private String refusal(String path) {
    UsageException e =
        catchThrowableOfType(
            () ->
                SecretResolver.resolve(
                    Map.of("TOKEN", spec(path)), List.of("TOKEN"), workspace, Map.of()),
            UsageException.class);
    assertThat(e).isNotNull();
    return e.getMessage();
  }

  private static SecretSpec spec(String path) {
    return new SecretSpec(
        "TOKEN", new SourcePosition("baton.yaml", 4, 3), new SecretSpec.FromFile(path));
  }
}
