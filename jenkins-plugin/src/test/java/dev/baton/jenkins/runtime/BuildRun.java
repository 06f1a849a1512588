package dev.baton.jenkins.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One build of the test runtime and everything it left: the result (results only get worse, as in
 * Jenkins), the console, the recorded steps, and what was published (test reports, archived
 * artifacts, HTML reports). Under CPS, also the CPS mismatches and unserializable program state.
 */
public final class BuildRun {
  private static final List<String> ORDER = List.of("SUCCESS", "UNSTABLE", "FAILURE", "ABORTED");

  private final Path dir;
  private String result = "SUCCESS";
  private String error;
  private String description;
  private final List<String> console = Collections.synchronizedList(new ArrayList<>());
  private final List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<JunitReport> junit = Collections.synchronizedList(new ArrayList<>());
  private final List<String> archived = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Path> html = Collections.synchronizedMap(new LinkedHashMap<>());
  final List<String> cpsMismatches = Collections.synchronizedList(new ArrayList<>());
  final List<String> unserializable = Collections.synchronizedList(new ArrayList<>());
  final List<Long> waitUntilPauses = Collections.synchronizedList(new ArrayList<>());
  private volatile String abortText;
  private volatile Runnable abort;

  BuildRun(Path dir) {
    this.dir = dir;
  }

  /** SUCCESS, UNSTABLE, FAILURE or ABORTED. */
  public synchronized String result() {
    return result;
  }

  synchronized void worsen(String to) {
    if (ORDER.indexOf(to) > ORDER.indexOf(result)) {
      result = to;
    }
  }

  /** What the pipeline set as {@code currentBuild.description}, or null. */
  public synchronized String description() {
    return description;
  }

  synchronized void describe(String text) {
    description = text;
  }

  /** The message of the failure that ended the build, or null. */
  public synchronized String error() {
    return error;
  }

  synchronized void failed(String message) {
    error = message;
  }

  /** The console log, one line per entry, each prefixed with its branch as Jenkins shows it. */
  public String log() {
    synchronized (console) {
      return String.join("\n", console);
    }
  }

  void log(String branch, String line) {
    console.add(branch.isEmpty() ? line : "[" + branch + "] " + line);
    Runnable pressAbort = abort;
    if (pressAbort != null && line.contains(abortText)) {
      abort = null;
      console.add("Aborted by the test");
      pressAbort.run();
    }
  }

  /** Presses abort once, when a console line contains {@code text}. */
  void abortWhenLogged(String text, Runnable pressAbort) {
    this.abortText = text;
    this.abort = pressAbort;
  }

  /** The pauses, in milliseconds of Jenkins time, that waitUntil made between tries. */
  public List<Long> waitUntilPauses() {
    return List.copyOf(waitUntilPauses);
  }

  public List<RecordedCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The recorded calls of one step, in the order they finished. */
  public List<RecordedCall> calls(String step) {
    return calls().stream().filter(c -> c.step().equals(step)).toList();
  }

  void record(RecordedCall call) {
    calls.add(call);
  }

  public List<JunitReport> junitReports() {
    return List.copyOf(junit);
  }

  void published(JunitReport report) {
    junit.add(report);
  }

  /** Paths of the archived artifacts, relative to the workspace they came from. */
  public List<String> archivedArtifacts() {
    return List.copyOf(archived);
  }

  /** An archived artifact on disk. */
  public Path artifact(String relative) {
    return artifactsDir().resolve(relative);
  }

  Path artifactsDir() {
    return dir.resolve("archive");
  }

  void archived(String relative) {
    archived.add(relative);
  }

  /** HTML reports published with publishHTML, by report name, as copied into the build. */
  public Map<String, Path> htmlReports() {
    synchronized (html) {
      return Map.copyOf(html);
    }
  }

  void publishedHtml(String name, Path copy) {
    html.put(name, copy);
  }

  Path htmlDir(String name) {
    return dir.resolve("htmlreports").resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_"));
  }

  /** Calls of CPS-transformed code from non-CPS code (Jenkins' "CPS mismatch" warnings). */
  public List<String> cpsMismatches() {
    return List.copyOf(cpsMismatches);
  }

  /** Program state that Jenkins could not save at a step (NotSerializableException). */
  public List<String> unserializableState() {
    return List.copyOf(unserializable);
  }
}
