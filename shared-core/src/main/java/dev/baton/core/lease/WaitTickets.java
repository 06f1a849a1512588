package dev.baton.core.lease;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The waiting steps of every run on the machine, one locked file each in {@code waiting/} of the
 * lease directory. A ticket's lock is held by the Baton process that filed it, so a ticket left by
 * a process that died is seen as stale (its lock is free) and removed by whoever finds it.
 */
public final class WaitTickets implements AutoCloseable {
  private static final int MAX_LINE = 4096;
  private final Path dir;
  private final Map<String, Filed> mine = new HashMap<>();

  private record Filed(LockFile lock, WaitTicket ticket) {}

  WaitTickets(Path dir) {
    this.dir = dir;
  }

  /** Files (or keeps) the ticket of a step of this process that waits. */
  public void file(WaitTicket t) {
    String name = LeaseKey.safe(t.runId()) + "--" + LeaseKey.safe(t.stepId());
    Filed f = mine.get(name);
    if (f != null && f.ticket.equals(t)) {
      return;
    }
    withdraw(t.runId(), t.stepId());
    try {
      Files.createDirectories(dir);
      MachineLeases.sharedDirectory(dir);
      Path file = dir.resolve(name);
      LockFile lock = LockFile.tryLock(file);
      if (lock == null) {
        return; // another process of the same run id: it speaks for the step
      }
      Files.writeString(
          file,
          t.line(),
          StandardCharsets.UTF_8,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING,
          LinkOption.NOFOLLOW_LINKS);
      mine.put(name, new Filed(lock, t));
    } catch (IOException | LeaseException e) {
      // Without its ticket the step still waits; other runs just do not hold GPUs back for it.
    }
  }

  /** Removes the ticket of a step of this process that started or left the queue. */
  public void withdraw(String runId, String stepId) {
    String name = LeaseKey.safe(runId) + "--" + LeaseKey.safe(stepId);
    Filed f = mine.remove(name);
    if (f != null) {
      delete(f.lock.path());
      f.lock.close();
    }
  }

  /** The live tickets of other processes; stale ones are removed on the way. */
  public List<WaitTicket> others() {
    List<WaitTicket> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (mine.containsKey(file.getFileName().toString())) {
          continue;
        }
        if (!LockFile.isHeld(file)) {
          delete(file);
          continue;
        }
        read(file).ifPresent(out::add);
      }
    } catch (IOException | LeaseException e) {
      // An unreadable directory holds nothing back.
    }
    return out;
  }

  @Override
  public void close() {
    for (Filed f : List.copyOf(mine.values())) {
      withdraw(f.ticket.runId(), f.ticket.stepId());
    }
  }

  private static Optional<WaitTicket> read(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_LINE) {
        return Optional.empty();
      }
      return WaitTicket.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Another user's stale ticket in a sticky directory: it is ignored while its lock is free.
    }
  }
}
