package dev.baton.jenkins.runtime;

import groovy.lang.Binding;
import groovy.lang.Script;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * Writes the CPS program state with Java serialization, as Jenkins does at each step, replacing
 * what Jenkins saves by its own means (scripts, their binding, {@link JenkinsProvided} objects).
 * What remains must be {@link java.io.Serializable}, or Jenkins fails the build with {@code
 * NotSerializableException}.
 */
final class SerializationCheck {
  private SerializationCheck() {}

  /** Null when {@code state} can be saved, else the class that cannot. */
  static String problem(Object state) {
    try (ObjectOutputStream out = new ReplacingStream()) {
      out.writeObject(state);
      return null;
    } catch (NotSerializableException e) {
      return "java.io.NotSerializableException: " + e.getMessage();
    } catch (IOException | RuntimeException e) {
      return e.toString();
    }
  }

  private static final class ReplacingStream extends ObjectOutputStream {
    ReplacingStream() throws IOException {
      super(OutputStream.nullOutputStream());
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (obj instanceof Script || obj instanceof Binding || obj instanceof JenkinsProvided) {
        return "<saved by Jenkins: " + obj.getClass().getSimpleName() + ">";
      }
      return obj;
    }
  }
}
