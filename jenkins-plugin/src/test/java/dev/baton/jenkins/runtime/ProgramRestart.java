package dev.baton.jenkins.runtime;

import com.cloudbees.groovy.cps.Next;
import groovy.lang.Binding;
import groovy.lang.Script;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A controller restart, simulated: after a chosen step called at the top level of the program (not
 * inside a block step or a parallel branch), the CPS program state is written with Java
 * serialization, the running state is dropped, and the program goes on from the copy read back, as
 * Jenkins resumes a build from its saved program after a restart. What Jenkins saves by its own
 * means (scripts, the binding, steps and global variables) is written as a reference and read back
 * as the same object.
 */
final class ProgramRestart {
  private final Set<String> afterSteps = new TreeSet<>();
  private final List<String> restarts = new ArrayList<>();
  private ClassLoader loader;
  private BuildRun build;
  private boolean due;

  /** Restart once after the first top-level call of each of {@code steps}. */
  void after(String... steps) {
    afterSteps.addAll(List.of(steps));
  }

  void attach(ClassLoader libraryLoader, BuildRun run) {
    this.loader = libraryLoader;
    this.build = run;
    this.due = false;
  }

  /** The steps after which the last build was restarted, in order. */
  List<String> restarts() {
    return List.copyOf(restarts);
  }

  void stepCalled(String step) {
    if (afterSteps.remove(step)) {
      restarts.add(step);
      due = true;
    }
  }

  /** The program as read back from its saved state, when a restart is due; else {@code next}. */
  Next resumeIfDue(Next next) {
    if (!due) {
      return next;
    }
    due = false;
    List<Object> saved = new ArrayList<>();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new Saving(bytes, saved)) {
        out.writeObject(next);
      }
      build.log("", "Resuming build after a restart (program state: " + bytes.size() + " bytes)");
      try (ObjectInputStream in =
          new Loading(new ByteArrayInputStream(bytes.toByteArray()), saved, loader)) {
        return (Next) in.readObject();
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new PipelineError("the build could not resume after a restart: " + e);
    }
  }

  /** Stands for an object Jenkins saves by its own means. */
  private record Reference(int index) implements Serializable {}

  private static final class Saving extends ObjectOutputStream {
    private final List<Object> saved;

    Saving(ByteArrayOutputStream out, List<Object> saved) throws IOException {
      super(out);
      this.saved = saved;
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (obj instanceof Script || obj instanceof Binding || obj instanceof JenkinsProvided) {
        saved.add(obj);
        return new Reference(saved.size() - 1);
      }
      return obj;
    }
  }

  private static final class Loading extends ObjectInputStream {
    private final List<Object> saved;
    private final ClassLoader loader;

    Loading(ByteArrayInputStream in, List<Object> saved, ClassLoader loader) throws IOException {
      super(in);
      this.saved = saved;
      this.loader = loader;
      enableResolveObject(true);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }

    @Override
    protected Object resolveObject(Object obj) {
      return obj instanceof Reference r ? saved.get(r.index()) : obj;
    }
  }
}
