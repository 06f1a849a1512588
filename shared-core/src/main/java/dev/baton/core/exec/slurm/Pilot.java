package dev.baton.core.exec.slurm;

import dev.baton.core.exec.ShellQuote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The pilot of one allocation ({@code pilot.sh}, the allocation's batch script) as Baton talks to
 * it: through files in its spool directory on the file system the node shares with Baton. A request
 * is written beside its final name and renamed into place, so the pilot never reads half of one.
 */
final class Pilot {
  /** The pilot's script, shipped inside Baton. */
  static final String SCRIPT = "pilot.sh";

  private final String jobId;
  private final String node;
  private final Path spool;
  private final AtomicInteger requests = new AtomicInteger();

  Pilot(String jobId, String node, Path spool) {
    this.jobId = jobId;
    this.node = node;
    this.spool = spool;
  }

  /** A fresh spool directory under {@code records} with the pilot's script in it. */
  static Path prepare(Path records, String node) throws IOException {
    Files.createDirectories(records);
    Path spool = Files.createTempDirectory(records, "pilot-" + safe(node) + "-");
    Files.createDirectories(spool.resolve("requests"));
    try (InputStream script = Pilot.class.getResourceAsStream(SCRIPT)) {
      if (script == null) {
        throw new IOException("Baton's " + SCRIPT + " is missing from its jar");
      }
      Files.copy(script, spool.resolve(SCRIPT), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(spool.resolve("baton"), "");
    return spool;
  }

  String jobId() {
    return jobId;
  }

  String node() {
    return node;
  }

  Path spool() {
    return spool;
  }

  /** A name for one attempt in this pilot: unique, and safe as a file name and in the shell. */
  String taskName(String stepId, int attempt) {
    return requests.incrementAndGet() + "-" + safe(stepId) + "-" + attempt;
  }

  /** Asks the pilot to run {@code script} with the allocation's GPUs {@code gpus}. */
  void request(String task, Path script, Path log, Path exitFile, List<Integer> gpus)
      throws IOException {
    String text =
        "script="
            + ShellQuote.quote(script.toAbsolutePath().toString())
            + "\nlog="
            + ShellQuote.quote(log.toAbsolutePath().toString())
            + "\nexitfile="
            + ShellQuote.quote(exitFile.toAbsolutePath().toString())
            + "\ngpus="
            + ShellQuote.quote(gpus.stream().map(String::valueOf).collect(Collectors.joining(" ")))
            + "\n";
    place(task + ".run", text);
  }

  /** Asks the pilot to send {@code TERM} or {@code KILL} to the attempt's whole process group. */
  void signal(String task, String signal) throws IOException {
    place(task + "." + signal, "");
  }

  /** Removes the attempt's request once it has ended, so the pilot's spool holds what runs. */
  void forget(String task) {
    try {
      Files.deleteIfExists(spool.resolve("requests").resolve(task + ".run"));
    } catch (IOException e) {
      // the pilot skips a request it has taken (claimed/NAME); a leftover costs one stat a poll
    }
  }

  /** Whether the pilot runs: it writes {@code ready} when it starts. */
  boolean ready() {
    return Files.exists(spool.resolve("ready"));
  }

  /** When the pilot started the attempt, once it has. */
  Optional<Instant> started(String task) {
    return modified(spool.resolve("started").resolve(task));
  }

  /** When {@code file} was last written, as the shared file system keeps it. */
  static Optional<Instant> modified(Path file) {
    try {
      return Optional.of(Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Tells the pilot Baton still runs: a pilot not told so for ten minutes ends. */
  void heartbeat() {
    try {
      Files.setLastModifiedTime(spool.resolve("baton"), FileTime.from(Instant.now()));
    } catch (IOException e) {
      // the next beat tries again; the pilot waits ten minutes
    }
  }

  private void place(String name, String text) throws IOException {
    Path requestDir = spool.resolve("requests");
    Path partial = requestDir.resolve("." + name + ".partial");
    Files.writeString(partial, text, StandardCharsets.UTF_8);
    Files.move(partial, requestDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static String safe(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
