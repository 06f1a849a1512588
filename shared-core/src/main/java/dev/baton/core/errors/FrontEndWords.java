package dev.baton.core.errors;

import java.util.stream.Collectors;

/**
 * How one front end spells the settings and actions a {@link Fix} refers to (jib's
 * HelpfulSuggestions pattern: the core says what to change, the front end says it in its words).
 */
public interface FrontEndWords {

  /** A setting, as the user types it: a flag, a property. */
  String setting(Setting setting);

  /** An action, as the user types it, quoted: a command line, a goal. */
  String action(Action action);

  /** Plain words, for a text that reaches no front end (a library caller's log). */
  FrontEndWords NEUTRAL =
      new FrontEndWords() {
        @Override
        public String setting(Setting setting) {
          return setting.neutral();
        }

        @Override
        public String action(Action action) {
          return action.arguments().isEmpty()
              ? action.kind().neutral()
              : action.kind().neutral()
                  + " ("
                  + action.arguments().stream().collect(Collectors.joining(", "))
                  + ")";
        }
      };
}
