package dev.baton.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The live processes of a process group, read from {@code /proc} (Linux), zombies aside. */
public final class GroupMembers {
  private GroupMembers() {}

  public static boolean readable() {
    return Files.isDirectory(Path.of("/proc/self"));
  }

  /** "pid comm" of each live process whose process group is {@code group}. */
  public static List<String> of(long group) throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path pid : pids) {
        String stat;
        try {
          stat = Files.readString(pid.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
          continue; // ended meanwhile
        }
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).split(" ", 4);
        if (!f[0].equals("Z") && Long.parseLong(f[2]) == group) {
          out.add(pid.getFileName() + " " + stat.substring(stat.indexOf('(') + 1, close));
        }
      }
    }
    return out;
  }
}
