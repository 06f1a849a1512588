package dev.baton.core.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SHA-256 of workspace and cache files through the {@link StatCache}: a file whose stat matches its
 * record is not read; one that is read is recorded only when it did not change while being read and
 * its change time is safely in the past ({@link FsClock}). Counts what it hashed and what it
 * skipped, so tests can see the stat cache work without timing anything.
 */
final class FileDigests {
  private final StatCache stats;
  private final FsClock clock;
  private final AtomicLong hashed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  FileDigests(StatCache stats, FsClock clock) {
    this.stats = stats;
    this.clock = clock;
  }

  /**
   * The stat cache and clock of the cache root {@code root} ({@code .baton/cache}), kept beside it
   * in {@code .baton/cache-state/}: the cache root holds only entries.
   */
  static FileDigests under(Path root) {
    Path state = root.resolveSibling("cache-state");
    return new FileDigests(StatCache.load(state, root), new FsClock(state));
  }

  /**
   * The stat of a file Baton has just written, once the file system clock has ticked past it; empty
   * when that cannot be told (it is then not remembered).
   */
  Optional<FileStat> settled(Path file) {
    return FileStat.of(file).filter(clock::tickedPast);
  }

  /** The file's SHA-256, read only when the stat cache does not know it. */
  String sha256(Path file) throws IOException {
    Optional<FileStat> before = FileStat.of(file);
    if (before.isPresent()) {
      Optional<String> known = stats.lookup(file, before.get());
      if (known.isPresent()) {
        skipped.incrementAndGet();
        return known.get();
      }
    }
    boolean safe = before.isPresent() && clock.tickedPast(before.get());
    String sha = Sha256.of(file);
    hashed.incrementAndGet();
    rememberIfUnchanged(file, before, safe, sha);
    return sha;
  }

  /**
   * What {@link #store} put into the entry: the content's SHA-256, how, and the stat of the new
   * file when it can be trusted to still hold that content (else empty).
   */
  record Stored(String sha256, FileTransfer how, Optional<FileStat> stat) {}

  /**
   * Puts the content of {@code from} into the new file {@code to}, forced to disk, reading {@code
   * from} once: a reflink then a hash of the clone where the file system has reflinks; else, when
   * {@code allowLink}, a hash then a hard link (the file, now shared with the entry, made
   * read-only); else a copy that hashes what it copies. {@code from} is remembered with the hash.
   */
  Stored store(Path from, Path to, boolean allowLink) throws IOException {
    Optional<FileStat> before = FileStat.of(from);
    boolean safe = before.isPresent() && clock.tickedPast(before.get());
    if (Reflink.cloneFile(from, to)) {
      CacheStore.sync(to);
      String sha = Sha256.of(to);
      hashed.incrementAndGet();
      rememberIfUnchanged(from, before, safe, sha);
      return new Stored(sha, FileTransfer.REFLINK, settled(to));
    }
    if (allowLink && safe) {
      Optional<Stored> linked = hashThenLink(from, to, before.get());
      if (linked.isPresent()) {
        return linked.get();
      }
    }
    String sha = copy(from, to);
    rememberIfUnchanged(from, before, safe, sha);
    return new Stored(sha, FileTransfer.COPY, settled(to));
  }

  /** Empty, with {@code to} absent, when the file changed meanwhile or cannot be linked. */
  private Optional<Stored> hashThenLink(Path from, Path to, FileStat before) throws IOException {
    String sha = Sha256.of(from);
    hashed.incrementAndGet();
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
    FileModes.apply(to, FileModes.readOnly(FileModes.of(to)));
    CacheStore.sync(to);
    Optional<FileStat> now = FileStat.of(to);
    if (now.isEmpty() || !now.get().sameContentAs(before)) {
      // Written while hashed: the entry would not hold what the checksum says.
      Files.delete(to);
      return Optional.empty();
    }
    stats.record(from, now.get(), sha);
    return Optional.of(new Stored(sha, FileTransfer.HARDLINK, now));
  }

  /** Copies and hashes in one pass; the copy is forced to disk. */
  private String copy(Path from, Path to) throws IOException {
    String sha;
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Sha256.Hasher h = Sha256.start(in.size())) {
      ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(Sha256.BUFFER, in.size() + 1));
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        h.update(buffer, buffer.position());
        buffer.flip();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        buffer.clear();
      }
      out.force(true);
      sha = h.finish();
    }
    hashed.incrementAndGet();
    return sha;
  }

  /**
   * Records {@code file} with {@code sha256} when it is still the file Baton wrote, whose {@link
   * #settled} stat was {@code written} (moved or renamed since, which changes at most its change
   * time): a write since would have changed its modify time.
   */
  void rememberMoved(Path file, FileStat written, String sha256) {
    Optional<FileStat> now = FileStat.of(file);
    if (now.isPresent() && now.get().sameContentAs(written)) {
      stats.record(file, now.get(), sha256);
    }
  }

  /** The stat of {@code file} when the stat cache shows it still holds {@code sha256}. */
  Optional<FileStat> statIfKnown(Path file, String sha256) {
    Optional<FileStat> now = FileStat.of(file);
    return now.filter(s -> stats.lookup(file, s).filter(sha256::equals).isPresent());
  }

  /** The digest recorded for {@code file} if its stat still matches; nothing is read. */
  Optional<String> known(Path file) {
    return FileStat.of(file).flatMap(s -> stats.lookup(file, s));
  }

  void forget(Path file) {
    stats.forget(file);
  }

  void save() {
    stats.save();
  }

  FsClock clock() {
    return clock;
  }

  /** Files read and hashed so far. */
  long hashed() {
    return hashed.get();
  }

  /** Files whose digest came from the stat cache, unread. */
  long skipped() {
    return skipped.get();
  }

  private void rememberIfUnchanged(Path file, Optional<FileStat> before, boolean safe, String sha) {
    if (safe && before.isPresent() && FileStat.of(file).equals(before)) {
      stats.record(file, before.get(), sha);
    }
  }
}
