package dev.baton.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup v2 probe and per-attempt cgroups, over cgroupfs trees made in a directory. */
class CgroupV2Test {
  @TempDir Path fs;

  @Test
  void aHybridMountWithoutMemoryAndCpuControllersIsNotUsableAndSaysWhatItOffers() throws Exception {
    // this machine's set-up: v1 controllers, v2 at /sys/fs/cgroup/unified offering hugetlb only
    Files.createDirectories(fs.resolve("unified"));
    Files.writeString(fs.resolve("unified/cgroup.controllers"), "hugetlb\n");
    Path self = Files.writeString(fs.resolve("self"), "4:memory:/x\n0::/\n");

    CgroupV2.Probe probe = CgroupV2.probe(fs, self);

    assertThat(probe.available()).isEmpty();
    assertThat(probe.why()).contains("offers the controllers [hugetlb], not memory and cpu");
  }

  @Test
  void noCgroupV2AtAllIsNotUsable() throws Exception {
    Path self = Files.writeString(fs.resolve("self"), "4:memory:/x\n");
    assertThat(CgroupV2.probe(fs, self).why()).startsWith("no cgroup v2 is mounted");
  }

  @Test
  void aDelegatedCgroupGetsAChildPerAttemptWithMemoryAndCpuLimits() throws Exception {
    Path own = Files.createDirectories(fs.resolve("user.slice/ci.service"));
    Files.writeString(fs.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    Files.writeString(own.resolve("cgroup.controllers"), "cpu memory pids\n");
    Files.writeString(own.resolve("cgroup.subtree_control"), "");
    Path self = Files.writeString(fs.resolve("self"), "0::/user.slice/ci.service\n");

    CgroupV2 cgroup = CgroupV2.probe(fs, self).available().orElseThrow();
    StepCgroup step = cgroup.child("train[lr=0.1]", 100L * 1024 * 1024, 2);

    assertThat(Files.readString(own.resolve("cgroup.subtree_control"))).isEqualTo("+memory +cpu");
    assertThat(step.dir().getParent()).isEqualTo(own);
    assertThat(step.dir().getFileName().toString()).endsWith("-train_lr_0.1_");
    assertThat(Files.readString(step.dir().resolve("memory.max"))).isEqualTo("104857600");
    assertThat(Files.readString(step.dir().resolve("cpu.max"))).isEqualTo("200000 100000");
    assertThat(((Command.Shell) step.wrap(new Command.Shell("python train.py"))).script())
        .isEqualTo(
            "echo $$ > '" + step.dir().resolve("cgroup.procs") + "' || exit 125\npython train.py");
    assertThat(((Command.Argv) step.wrap(new Command.Argv(List.of("python", "x.py")))).args())
        .startsWith("/bin/sh", "-c")
        .endsWith("sh", "python", "x.py");
  }

  @Test
  void theKernelsOomKillCountIsReadFromMemoryEvents() throws Exception {
    Path events =
        Files.writeString(
            fs.resolve("memory.events"),
            "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");
    assertThat(StepCgroup.oomKills(events)).isEqualTo(1);
    assertThat(StepCgroup.oomKills(fs.resolve("missing"))).isZero();
  }
}
