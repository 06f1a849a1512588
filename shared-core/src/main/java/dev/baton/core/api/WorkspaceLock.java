package dev.baton.core.api;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One run at a time per workspace: {@code .baton/lock}, held with an operating-system file lock for
 * the whole run. The kernel releases that lock when its holder dies, even by {@code kill -9}, so a
 * dead holder never blocks the next run. The file also names its holder ({@link LockHolder}) so a
 * second run can say who has it; the file itself stays, empty while nobody holds it (deleting it
 * would let two runs lock two different files of the same name).
 */
public final class WorkspaceLock implements AutoCloseable {
  /** The lock file, relative to the workspace. */
  public static final String FILE = ".baton/lock";

  /**
   * The locks this JVM holds. POSIX drops every lock a process holds on a file when it closes any
   * descriptor of that file, so a second attempt from this JVM must not even open the file.
   */
  private static final Map<Path, LockHolder> HELD_HERE = new ConcurrentHashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final String brokenRun;

  private WorkspaceLock(Path file, FileChannel channel, FileLock lock, String brokenRun) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.brokenRun = brokenRun;
  }

  /**
   * Takes the lock of {@code workspace} for run {@code runId}.
   *
   * @throws InfrastructureException when another live run holds it ("locked by run X (pid Y, since
   *     T)"), or the lock file cannot be written
   */
  public static WorkspaceLock acquire(Path workspace, String runId, EventSink events) {
    Path file = lockFile(workspace);
    LockHolder me = LockHolder.current(runId, Instant.now());
    LockHolder here = HELD_HERE.putIfAbsent(file, me);
    if (here != null) {
      throw locked(file, here);
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      LockHolder previous = LockHolder.parse(read(channel));
      if (lock == null) {
        throw locked(file, previous);
      }
      if (previous != null) {
        if (previous.isAlive()) {
          // The file names a live process that is not holding the lock: a file system without
          // working locks, or a holder between writing and locking. Do not run over it.
          lock.release();
          throw locked(file, previous);
        }
        events.accept(
            new RunEvent.StaleLockBroken(file, previous.runId(), previous.pid(), previous.since()));
      }
      write(channel, me.format());
      WorkspaceLock held =
          new WorkspaceLock(file, channel, lock, previous == null ? "" : previous.runId());
      channel = null;
      return held;
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot lock the workspace: " + file + ": " + e.getMessage(), e);
    } finally {
      if (channel != null) {
        closeQuietly(channel);
        HELD_HERE.remove(file);
      }
    }
  }

  private static Path lockFile(Path workspace) {
    Path file = workspace.resolve(FILE).toAbsolutePath().normalize();
    try {
      Files.createDirectories(file.getParent());
      return Objects.requireNonNull(file.getParent(), file.toString())
          .toRealPath()
          .resolve(file.getFileName());
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot create " + file.getParent() + ": " + e.getMessage() + "; check its permissions",
          e);
    }
  }

  /** The run whose Baton died holding this lock (its lock was broken), empty if none. */
  public String brokenRun() {
    return brokenRun;
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Empties the file, then lets go of the lock; the next run finds nobody named. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      channel.force(true);
    } catch (IOException e) {
      // A name left behind is harmless: its process will be gone, so the next run breaks it.
    }
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it too.
    }
    closeQuietly(channel);
    HELD_HERE.remove(file);
  }

  /** Null when another process holds the lock; this JVM holding it counts as another holder. */
  private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static InfrastructureException locked(Path file, @Nullable LockHolder holder) {
    if (holder == null) {
      return new InfrastructureException(
          "the workspace is locked by another run ("
              + file
              + "); wait for it to finish, or stop the Baton process that holds it");
    }
    return new InfrastructureException(
        "the workspace is locked by run "
            + holder.runId()
            + " (pid "
            + holder.pid()
            + ", since "
            + holder.since()
            + "); wait for it, or stop it: kill "
            + holder.pid());
  }

  private static String read(FileChannel channel) throws IOException {
    long size = Math.min(channel.size(), 4096);
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // read until full or end of file
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  private static void write(FileChannel channel, String text) throws IOException {
    channel.truncate(0);
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    long position = 0;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
    channel.force(true);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to do.
    }
  }
}
