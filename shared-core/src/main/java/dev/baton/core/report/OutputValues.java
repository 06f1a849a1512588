package dev.baton.core.report;

/** How the reports show a step output's value: whole when short, else its start and its length. */
final class OutputValues {
  static final int SHOWN = 200;

  private OutputValues() {}

  static String shown(String value) {
    if (value.length() <= SHOWN) {
      return value;
    }
    return value.substring(0, SHOWN) + "… (" + value.length() + " characters)";
  }
}
