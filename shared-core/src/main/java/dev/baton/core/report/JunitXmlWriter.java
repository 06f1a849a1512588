package dev.baton.core.report;

import dev.baton.core.record.GateResult;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Renders a run record as JUnit XML in the Surefire shape that Jenkins' {@code junit} step,
 * GitLab's {@code artifacts:reports:junit} and GitHub test-report actions read: one {@code
 * <testsuite>}, one {@code <testcase>} per step and one per metric gate.
 */
public final class JunitXmlWriter {
  // Surefire writes the suite timestamp without zone; Baton's is UTC.
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private JunitXmlWriter() {}

  /** The JUnit XML document for {@code record}, UTF-8 encoded when written. */
  public static String toXml(RunRecord record) {
    StringWriter out = new StringWriter();
    try {
      write(record, out);
    } catch (IOException e) {
      // Writing to a StringWriter cannot fail for I/O reasons; this is a programming error.
      throw new IllegalStateException("cannot render junit.xml: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /**
   * Writes the JUnit XML document for {@code record} to {@code out} as it goes (100,000 test cases
   * are never one string in memory); {@code out} is flushed, not closed.
   */
  public static void write(RunRecord record, Writer out) throws IOException {
    List<JunitCase> cases = new ArrayList<>();
    String className = className(record.pipeline());
    for (StepRecord step : record.steps()) {
      cases.add(JunitCase.forStep(className, step));
      for (GateResult gate : GateResult.of(step)) {
        cases.add(JunitCase.forGate(className, step, gate));
      }
    }
    cases = uniquelyNamed(cases);
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      writeSuite(xml, record, cases);
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
      out.flush();
    } catch (XMLStreamException e) {
      // The stream writer wraps the Writer's own failures.
      if (e.getNestedException() instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot render junit.xml: " + e.getMessage(), e);
    }
  }

  /**
   * The cases with a name repeated (a gate listed twice) numbered {@code (2)}, {@code (3)}: readers
   * key test history by class and name, and would merge cases that share them.
   */
  static List<JunitCase> uniquelyNamed(List<JunitCase> cases) {
    Set<String> used = new HashSet<>();
    List<JunitCase> out = new ArrayList<>(cases.size());
    for (JunitCase c : cases) {
      String base = TextSanitizer.clean(c.name());
      String name = base;
      for (int n = 2; !used.add(name); n++) {
        name = base + " (" + n + ")";
      }
      out.add(name.equals(c.name()) ? c : c.named(name));
    }
    return out;
  }

  /**
   * {@code baton.<pipeline>}; dots in the pipeline name become underscores so that readers, which
   * split the class name at its last dot, still group every step under the pipeline's name.
   */
  static String className(String pipeline) {
    String name = pipeline == null || pipeline.isBlank() ? "pipeline" : pipeline;
    return "baton." + TextSanitizer.clean(name).replace('.', '_');
  }

  private static void writeSuite(XMLStreamWriter xml, RunRecord record, List<JunitCase> cases)
      throws XMLStreamException {
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", TextSanitizer.clean(record.pipeline()));
    xml.writeAttribute("tests", Integer.toString(cases.size()));
    xml.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.failed()).count()));
    xml.writeAttribute("errors", "0");
    xml.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> c.skipped()).count()));
    xml.writeAttribute("time", HumanDuration.seconds(record.durationMillis()));
    if (record.startedAt() != null) {
      xml.writeAttribute("timestamp", TIMESTAMP.format(record.startedAt()));
    }
    writeProperties(xml, record);
    for (JunitCase junitCase : cases) {
      xml.writeCharacters("\n  ");
      junitCase.write(xml);
    }
    xml.writeCharacters("\n");
    xml.writeEndElement();
  }

  private static void writeProperties(XMLStreamWriter xml, RunRecord record)
      throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("properties");
    property(xml, "baton.runId", record.runId());
    property(xml, "baton.status", record.status() == null ? null : record.status().name());
    property(xml, "baton.executor", record.executor());
    property(xml, "baton.descriptor", record.descriptor());
    for (var param : record.params().entrySet()) {
      property(xml, "baton.param." + param.getKey(), param.getValue());
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static void property(XMLStreamWriter xml, String name, @Nullable String value)
      throws XMLStreamException {
    if (value == null) {
      return;
    }
    xml.writeCharacters("\n    ");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", TextSanitizer.clean(name));
    xml.writeAttribute("value", TextSanitizer.clean(value));
  }
}
