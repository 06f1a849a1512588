package dev.baton.core.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Static checks of report.html shared by the default tests and the browser test. */
final class HtmlChecks {
  private static final Pattern LINK =
      Pattern.compile("\\b(?:href|src|xlink:href)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern TAG = Pattern.compile("<[A-Za-z][^>]*>");
  private static final Pattern STYLE_ATTRIBUTE =
      Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern EVENT_HANDLER =
      Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

  private HtmlChecks() {}

  /**
   * Everything the page does that Jenkins' CSP would block, one line per problem; empty if none.
   */
  static List<String> cspProblems(String html) {
    List<String> problems = new ArrayList<>();
    String lower = html.toLowerCase(Locale.ROOT);
    for (String banned : List.of("<script", "<style", "<iframe", "<object", "<embed", "<base")) {
      if (lower.contains(banned)) {
        problems.add("contains " + banned);
      }
    }
    // Attributes only live inside tags; escaped text such as "&lt;img onerror=" is harmless.
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      String markup = tag.group();
      String lowerMarkup = markup.toLowerCase(Locale.ROOT);
      if (STYLE_ATTRIBUTE.matcher(markup).find()) {
        problems.add("contains style=");
      }
      if (EVENT_HANDLER.matcher(markup).find()) {
        problems.add("contains an on...= event handler: " + markup);
      }
      if (lowerMarkup.contains("javascript:") || lowerMarkup.contains("@import")) {
        problems.add("contains a script or import URL: " + markup);
      }
      Matcher link = LINK.matcher(markup);
      while (link.find()) {
        String url = link.group(1);
        if (url.startsWith("/") || SCHEME.matcher(url).find()) {
          problems.add("link is not relative: " + url);
        }
      }
    }
    return problems;
  }

  /** Parses the page as XML (it is written to be well-formed), failing with the page on error. */
  static Document parse(String html) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("report.html is not well-formed: " + e + "\n" + html, e);
    }
  }
}
