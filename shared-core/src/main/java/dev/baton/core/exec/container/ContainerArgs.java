package dev.baton.core.exec.container;

import static dev.baton.core.exec.ShellQuote.quote;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.ContainerSpec;
import dev.baton.core.descriptor.ContainerSpec.RuntimeKind;
import dev.baton.core.exec.ShellQuote;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The command that runs one attempt's command in its container, decided before it starts. Pure: it
 * reads no machine state, so every part (GPU mapping included) is unit-tested.
 *
 * <p>For podman and Docker the command is a small shell around {@code <runtime> run --rm
 * --name=<name> ...}: on TERM or INT (a timeout, a cancel, {@code scancel}, a resumed Baton
 * stopping what a killed one left) it stops the container by its name, then waits for the client
 * and exits with the container's exit code (137 when it had to be killed). The client runs in the
 * background of that shell only so that the shell can take the signal while it waits.
 *
 * <p>Values of the environment never appear on the command line: variables are passed by name
 * ({@code -e NAME}, or Apptainer's {@code APPTAINERENV_NAME} set in the runtime's environment), so
 * {@code ps} shows no secret.
 *
 * @param program the runtime's resolved path
 * @param image what to run: the image id checked before the launch (so the attempt runs exactly the
 *     image its cache key covers) or, where the image lives on another machine, its reference
 * @param pull the runtime's {@code --pull} policy at run time: {@code never} where the image was
 *     checked on this machine
 * @param workspace mounted at the same path
 * @param workdir the step's directory on the host (the container's directory unless the spec names
 *     one)
 * @param mounts further host directories mounted at the same path (a report directory outside the
 *     workspace, where {@code $BATON_OUTPUT} lives)
 * @param envNames the variables passed in by name
 * @param gpus the GPUs the attempt holds, by host index; null when Baton assigns none (the
 *     environment's own setting stands)
 * @param gpusFromNode take the GPUs from Slurm's {@code SLURM_JOB_GPUS} on the node instead
 * @param uid the invoking user, so files written in the workspace are theirs
 */
public record ContainerArgs(
    RuntimeKind runtime,
    String program,
    ContainerSpec spec,
    String image,
    String pull,
    String name,
    Path workspace,
    Path workdir,
    List<Path> mounts,
    SortedSet<String> envNames,
    List<Integer> gpus,
    boolean gpusAssigned,
    boolean gpusFromNode,
    long uid,
    long gid,
    Duration stopGrace) {

  public ContainerArgs {
    mounts = List.copyOf(mounts);
    gpus = List.copyOf(gpus);
  }

  /** The command to hand to the executor in place of {@code command}. */
  public Command wrap(Command command) {
    if (runtime == RuntimeKind.APPTAINER) {
      return new Command.Argv(apptainer(command));
    }
    return new Command.Shell(shell(command));
  }

  /** The {@code <runtime> run ...} arguments for podman or Docker, GPUs given by index. */
  List<String> runArgs(Command command) {
    List<String> a = new ArrayList<>(runPrefix());
    if (gpusAssigned && !gpusFromNode) {
      a.addAll(gpuArgs(gpus.stream().map(String::valueOf).toList()));
      a.add("-e");
      a.add("CUDA_VISIBLE_DEVICES=" + renumbered(gpus.size()));
    }
    a.addAll(runSuffix(command));
    return a;
  }

  private List<String> runPrefix() {
    List<String> a = new ArrayList<>();
    a.add(program);
    a.add("run");
    a.add("--rm");
    a.add("--name=" + name);
    // Checked (and pulled) before a local launch: the run must not fetch another image.
    a.add("--pull=" + pull);
    a.add("-v");
    a.add(workspace + ":" + workspace);
    for (Path m : mounts) {
      a.add("-v");
      a.add(m + ":" + m);
    }
    for (String v : spec.volumes()) {
      a.add("-v");
      a.add(hostSide(v));
    }
    a.add("-w");
    a.add(spec.workdir().isEmpty() ? workdir.toString() : spec.workdir());
    a.addAll(userArgs());
    for (String n : envNames) {
      a.add("-e");
      a.add(n);
    }
    return a;
  }

  private List<String> runSuffix(Command command) {
    List<String> a = new ArrayList<>(spec.options());
    a.add(image);
    a.addAll(inner(command));
    return a;
  }

  private List<String> userArgs() {
    if (!spec.user().isEmpty()) {
      return List.of("--user", spec.user());
    }
    if (runtime == RuntimeKind.PODMAN) {
      // Root's podman maps ids one to one: the caller is root inside. Rootless podman maps the
      // caller to root inside unless told to keep the id.
      return uid == 0 ? List.of() : List.of("--userns=keep-id");
    }
    return List.of("--user", uid + ":" + gid);
  }

  /** GPU selection for podman (CDI devices) or Docker ({@code --gpus="device=..."}). */
  List<String> gpuArgs(List<String> indices) {
    if (indices.isEmpty()) {
      return List.of();
    }
    if (runtime == RuntimeKind.DOCKER) {
      return List.of("--gpus=\"device=" + String.join(",", indices) + "\"");
    }
    List<String> a = new ArrayList<>();
    for (String i : indices) {
      a.add("--device");
      a.add("nvidia.com/gpu=" + i);
    }
    return a;
  }

  /**
   * Inside the container the GPUs passed in are numbered from 0, so {@code CUDA_VISIBLE_DEVICES}
   * lists 0..n-1 (the host's indices would name GPUs that are not there); none: empty, so a step
   * that asked for none sees none.
   */
  static String renumbered(int count) {
    return IntStream.range(0, count).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }

  private String hostSide(String volume) {
    int colon = volume.indexOf(':');
    String host = volume.substring(0, colon);
    if (host.startsWith("/")) {
      return volume;
    }
    return workspace.resolve(host).normalize() + volume.substring(colon);
  }

  private static List<String> inner(Command command) {
    if (command instanceof Command.Argv argv) {
      return argv.args();
    }
    return List.of("sh", "-c", ((Command.Shell) command).script());
  }

  private String shell(Command command) {
    String stop =
        quote(program)
            + " stop -t "
            + Math.max(1, stopGrace.toSeconds())
            + " "
            + quote(name)
            + " >/dev/null 2>&1";
    StringBuilder s = new StringBuilder();
    s.append("trap ").append(quote(stop)).append(" TERM INT HUP\n");
    if (gpusAssigned && gpusFromNode) {
      // Slurm binds the GPUs on the node: its SLURM_JOB_GPUS are the physical indices.
      s.append("_bg=\"${SLURM_JOB_GPUS-${SLURM_STEP_GPUS-}}\"; _bd=; _bc=; _bi=0\n");
      s.append("IFS=,; for _bx in $_bg; do ");
      if (runtime == RuntimeKind.DOCKER) {
        s.append("_bd=x; ");
      } else {
        s.append("_bd=\"$_bd --device nvidia.com/gpu=$_bx\"; ");
      }
      s.append("_bc=\"$_bc${_bc:+,}$_bi\"; _bi=$((_bi+1)); done; unset IFS\n");
      if (runtime == RuntimeKind.DOCKER) {
        s.append("[ -n \"$_bd\" ] && _bd=\"--gpus=\\\"device=$_bg\\\"\"\n");
      }
      s.append(ShellQuote.quoteAll(runPrefix()));
      s.append(" $_bd -e \"CUDA_VISIBLE_DEVICES=$_bc\" ");
      s.append(ShellQuote.quoteAll(runSuffix(command)));
    } else {
      s.append(ShellQuote.quoteAll(runArgs(command)));
    }
    s.append(" </dev/null &\n");
    s.append("_bp=$!\n");
    s.append("while :; do wait $_bp; _brc=$?; kill -0 $_bp 2>/dev/null || break; done\n");
    s.append("exit $_brc");
    return s.toString();
  }

  /** {@code apptainer exec}: no daemon, so the process group is the container. */
  List<String> apptainer(Command command) {
    List<String> a = new ArrayList<>();
    a.add(program);
    a.add("exec");
    a.add("--cleanenv");
    a.add("--pwd");
    a.add(spec.workdir().isEmpty() ? workdir.toString() : spec.workdir());
    a.add("--bind");
    StringBuilder binds = new StringBuilder(workspace + ":" + workspace);
    for (Path m : mounts) {
      binds.append(',').append(m).append(':').append(m);
    }
    for (String v : spec.volumes()) {
      binds.append(',').append(hostSide(v));
    }
    a.add(binds.toString());
    if (gpusAssigned && !gpus.isEmpty()) {
      // --nv binds every GPU; CUDA_VISIBLE_DEVICES (host indices, passed in) selects Baton's.
      a.add("--nv");
    }
    a.addAll(spec.options());
    a.add(image);
    a.addAll(inner(command));
    return a;
  }

  /** Apptainer's way to pass a variable by name: {@code APPTAINERENV_<name>} in its environment. */
  public static String apptainerVariable(String name) {
    return "APPTAINERENV_" + name;
  }
}
