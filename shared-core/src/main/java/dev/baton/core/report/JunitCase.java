package dev.baton.core.report;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.StepCounts;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** One {@code <testcase>} of junit.xml: a step or a gate, already reduced to what JUnit can say. */
record JunitCase(
    String className,
    String name,
    long millis,
    Outcome outcome,
    String type,
    String message,
    String body,
    String systemOut) {

  /** What a JUnit reader shows for the case. */
  enum Outcome {
    PASSED,
    FAILED,
    SKIPPED
  }

  static JunitCase forStep(String className, StepRecord step) {
    StepState status = step.status();
    String systemOut = systemOut(step);
    if (StepCounts.isFailure(status)) {
      String message = step.message().isBlank() ? "step " + status.name() : step.message();
      String body = message + "\n" + String.join("\n", step.logTail());
      if (step.allowedToFail()) {
        // continueOnError: the run succeeded, so a CI reader must not mark the build unstable.
        return new JunitCase(
            className,
            step.id(),
            step.durationMillis(),
            Outcome.PASSED,
            "",
            "",
            "",
            lines(ALLOWED + status.name() + ": " + body, systemOut));
      }
      return new JunitCase(
          className,
          step.id(),
          step.durationMillis(),
          Outcome.FAILED,
          status.name(),
          message,
          body,
          systemOut);
    }
    if (!status.isSuccessful()) {
      String message =
          status == StepState.SKIPPED
              ? (step.message().isBlank() ? "skipped" : step.message())
              : "did not finish (" + status.name() + ")";
      return new JunitCase(
          className, step.id(), 0, Outcome.SKIPPED, status.name(), message, "", systemOut);
    }
    return new JunitCase(
        className, step.id(), step.durationMillis(), Outcome.PASSED, "", "", "", systemOut);
  }

  static JunitCase forGate(String className, StepRecord step, GateResult gate) {
    String name = step.id() + " gate: " + gate.name();
    String message = gate.message().isBlank() ? describe(gate) : gate.message();
    if (gate.passed() == null) {
      return new JunitCase(className, name, 0, Outcome.SKIPPED, "", "not evaluated", "", "");
    }
    if (!gate.passed()) {
      String body = message + "\n" + describe(gate);
      if (step.allowedToFail()) {
        return new JunitCase(
            className, name, 0, Outcome.PASSED, "", "", "", ALLOWED + "gate FAILED: " + body);
      }
      return new JunitCase(className, name, 0, Outcome.FAILED, "GATE", message, body, "");
    }
    return new JunitCase(className, name, 0, Outcome.PASSED, "", "", "", describe(gate));
  }

  /** Starts the system-out of a failure that does not fail the run. */
  static final String ALLOWED = "allowed to fail (continueOnError), so recorded as passed; ";

  private static String lines(String first, String rest) {
    return rest.isEmpty() ? first : first + "\n" + rest;
  }

  JunitCase named(String other) {
    return new JunitCase(className, other, millis, outcome, type, message, body, systemOut);
  }

  boolean failed() {
    return outcome == Outcome.FAILED;
  }

  boolean skipped() {
    return outcome == Outcome.SKIPPED;
  }

  void write(XMLStreamWriter xml) throws XMLStreamException {
    boolean empty = outcome == Outcome.PASSED && systemOut.isEmpty();
    if (empty) {
      xml.writeEmptyElement("testcase");
    } else {
      xml.writeStartElement("testcase");
    }
    xml.writeAttribute("classname", TextSanitizer.clean(className));
    xml.writeAttribute("name", TextSanitizer.clean(name));
    xml.writeAttribute("time", HumanDuration.seconds(millis));
    if (empty) {
      return;
    }
    if (outcome == Outcome.FAILED) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("failure");
      xml.writeAttribute("message", TextSanitizer.clean(message));
      xml.writeAttribute("type", type);
      // GitLab shows only the element body, so the message is repeated there.
      xml.writeCharacters(TextSanitizer.clean(body));
      xml.writeEndElement();
    } else if (outcome == Outcome.SKIPPED) {
      xml.writeCharacters("\n    ");
      xml.writeEmptyElement("skipped");
      xml.writeAttribute("message", TextSanitizer.clean(message));
    }
    if (!systemOut.isEmpty()) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("system-out");
      xml.writeCharacters(TextSanitizer.clean(systemOut));
      xml.writeEndElement();
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static String systemOut(StepRecord step) {
    List<String> lines = new ArrayList<>();
    if (step.status() == StepState.CACHED) {
      lines.add("cached: outputs reused from an earlier run");
    }
    if (step.attempts().size() > 1) {
      lines.add(step.attempts().size() + " attempts:");
      for (AttemptRecord attempt : step.attempts()) {
        lines.add("  " + AttemptText.describe(attempt));
      }
    }
    if (!lines.isEmpty() && step.log() != null) {
      lines.add("log: " + step.log());
    }
    return String.join("\n", lines);
  }

  private static String describe(GateResult gate) {
    StringBuilder text = new StringBuilder(gate.name()).append(": value ").append(gate.value());
    if (gate.threshold() != null) {
      text.append(", threshold ").append(gate.threshold());
    }
    if (gate.baseline() != null) {
      text.append(", baseline ").append(gate.baseline());
    }
    return text.toString();
  }
}
