package dev.baton.core.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PATH search as execvp does it: an empty entry means the current directory wherever it is. */
class ExecutablesTest {
  @TempDir Path elsewhere;

  @Test
  void anEmptyPathEntryMeansTheCurrentDirectoryAlsoWhenItIsTheLastOne() throws Exception {
    // The current directory of the test JVM is the module's directory; the program lives there
    // only for the test.
    Path program =
        Path.of("")
            .toAbsolutePath()
            .resolve("baton-executables-test-" + ProcessHandle.current().pid());
    Files.writeString(program, "#!/bin/sh\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    try {
      String name = program.getFileName().toString();
      assertThat(found(name, ":" + elsewhere)).isEqualTo(program);
      assertThat(found(name, elsewhere + "::" + elsewhere)).isEqualTo(program);
      assertThat(found(name, elsewhere + ":")).isEqualTo(program);
      assertThat(found(name, elsewhere.toString())).isNull();
    } finally {
      Files.delete(program);
    }
  }

  private Path found(String name, String path) {
    String found = Executables.search(name, path, elsewhere.toFile());
    return found == null ? null : Path.of(found).normalize();
  }
}
