package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.events.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock itself, in this JVM: who holds it, what a second taker is told, stale files. */
class WorkspaceLockTest {
  @TempDir Path workspace;
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void aSecondTakerInThisJvmIsToldWhoHoldsItAndHowToStopIt() {
    long pid = ProcessHandle.current().pid();
    try (WorkspaceLock first = WorkspaceLock.acquire(workspace, "run-one", events::add)) {
      assertThat(first.file()).hasFileName("lock").exists();
      assertThatThrownBy(() -> WorkspaceLock.acquire(workspace, "run-two", events::add))
          .isInstanceOf(InfrastructureException.class)
          .hasMessageContaining("locked by run run-one (pid " + pid + ", since ")
          .hasMessageContaining("wait for it, or stop it: kill " + pid);
      // The failed attempt must not have dropped the first holder's lock.
      assertThatThrownBy(() -> WorkspaceLock.acquire(workspace, "run-three", events::add))
          .hasMessageContaining("locked by run run-one");
    }
    try (WorkspaceLock again = WorkspaceLock.acquire(workspace, "run-four", events::add)) {
      assertThat(again.file()).content().contains("run=run-four");
    }
    assertThat(events).isEmpty();
  }

  @Test
  void releasingLeavesAnEmptyFileSoTheNextRunBreaksNothing() throws Exception {
    Path file;
    try (WorkspaceLock lock = WorkspaceLock.acquire(workspace, "r1", events::add)) {
      file = lock.file();
      assertThat(Files.readString(file))
          .contains("run=r1", "pid=" + ProcessHandle.current().pid(), "since=");
    }
    assertThat(file).isEmptyFile();
    WorkspaceLock.acquire(workspace, "r2", events::add).close();
    assertThat(events).isEmpty();
  }

  @Test
  void aLockOfAReusedPidIsBrokenWithAnEvent() throws Exception {
    // A live pid (this JVM), but the file says that process started long ago: a reused pid.
    long pid = ProcessHandle.current().pid();
    writeLockFile(
        new LockHolder(
            "old-run", pid, Optional.of(Instant.parse("2001-01-01T00:00:00Z")), "2001-01-01"));
    try (WorkspaceLock lock = WorkspaceLock.acquire(workspace, "new-run", events::add)) {
      assertThat(lock.file()).content().contains("run=new-run");
    }
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            RunEvent.StaleLockBroken.class,
            e -> {
              assertThat(e.runId()).isEqualTo("old-run");
              assertThat(e.pid()).isEqualTo(pid);
              assertThat(e.describe()).contains("stale workspace lock", "old-run");
            });
  }

  @Test
  void aLockOfADeadProcessIsBrokenWithAnEvent() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writeLockFile(new LockHolder("dead-run", gone.pid(), Optional.empty(), "earlier"));
    WorkspaceLock.acquire(workspace, "next", events::add).close();
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            RunEvent.StaleLockBroken.class, e -> assertThat(e.runId()).isEqualTo("dead-run"));
  }

  @Test
  void aFileNamingALiveProcessIsRespectedEvenWithoutAnOsLock() throws Exception {
    ProcessHandle self = ProcessHandle.current();
    writeLockFile(
        new LockHolder("live-run", self.pid(), self.info().startInstant(), "a minute ago"));
    assertThatThrownBy(() -> WorkspaceLock.acquire(workspace, "mine", events::add))
        .hasMessageContaining(
            "locked by run live-run (pid " + self.pid() + ", since a minute ago)");
    assertThat(events).isEmpty();
  }

  @Test
  void contentThatNamesNoProcessIsNotAHolder() {
    assertThat(LockHolder.parse("")).isNull();
    assertThat(LockHolder.parse("garbage\npid=twelve\n")).isNull();
    LockHolder h = LockHolder.parse(new LockHolder("r", 42, Optional.empty(), "t").format());
    assertThat(h).isEqualTo(new LockHolder("r", 42, Optional.empty(), "t"));
  }

  private void writeLockFile(LockHolder holder) throws Exception {
    Path file = workspace.resolve(WorkspaceLock.FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, holder.format());
  }
}
