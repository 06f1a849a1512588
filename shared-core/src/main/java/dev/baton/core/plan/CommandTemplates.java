package dev.baton.core.plan;

import dev.baton.core.descriptor.Command;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.Quoting;
import dev.baton.core.expr.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * A step's command with its {@code ${{ }}} expressions rendered: shell-quoted in a shell script, as
 * written in an argument list. One place for plan time and for fields resolved at dispatch.
 */
public final class CommandTemplates {
  private CommandTemplates() {}

  public static Command render(Command c, Bindings bindings) {
    if (c instanceof Command.Shell shell) {
      return new Command.Shell(Template.parse(shell.script()).render(bindings, Quoting.SHELL));
    }
    List<String> args = new ArrayList<>();
    for (String arg : ((Command.Argv) c).args()) {
      args.add(Template.parse(arg).render(bindings, Quoting.NONE));
    }
    return new Command.Argv(args);
  }
}
