package dev.baton.core.engine;

/** Explains exit codes the way people need them: which signal, which common shell failure. */
final class ExitMessages {
  private ExitMessages() {}

  static String describe(int code) {
    if (code == 127) {
      return "exit code 127: command not found; check the program name in 'run' and that it is on PATH";
    }
    if (code == 126) {
      return "exit code 126: the command is not executable; check its permissions (chmod +x)";
    }
    if (code > 128 && code < 128 + 65) {
      return "exit code " + code + ": killed by signal " + (code - 128) + signalName(code - 128);
    }
    return "exit code " + code;
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 1 -> " (SIGHUP)";
      case 2 -> " (SIGINT)";
      case 6 -> " (SIGABRT)";
      case 9 -> " (SIGKILL; often the out-of-memory killer)";
      case 11 -> " (SIGSEGV)";
      case 15 -> " (SIGTERM)";
      default -> "";
    };
  }
}
