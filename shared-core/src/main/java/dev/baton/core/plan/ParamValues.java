package dev.baton.core.plan;

import dev.baton.core.descriptor.ParamSpec;
import dev.baton.core.descriptor.ParamType;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.DidYouMean;
import dev.baton.core.errors.Fix;
import dev.baton.core.errors.Setting;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.errors.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective parameters of a run: the descriptor's defaults with the caller's values over them,
 * each checked against its declared type before anything runs.
 */
final class ParamValues {
  private ParamValues() {}

  /**
   * The parameters as text (run records, cache keys), each value in its type's text form. A name
   * the descriptor does not declare is added to {@code problems}; a value not of its parameter's
   * type is a {@link UsageException} naming the parameter, the value and what it takes.
   */
  static Map<String, String> apply(
      PipelineDescriptor d, Map<String, String> overrides, List<DescriptorProblem> problems) {
    Map<String, String> params = new LinkedHashMap<>(d.params());
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      ParamSpec spec = d.paramSpecs().get(o.getKey());
      if (spec == null) {
        String hint = DidYouMean.hint(o.getKey(), d.params().keySet());
        problems.add(
            new DescriptorProblem(
                SourcePosition.of("parameter " + o.getKey()),
                "'" + o.getKey() + "' is not a parameter of " + d.file(),
                hint.isEmpty() ? "declare it under 'params:' with a default value" : hint));
        continue;
      }
      Object value = spec.read(o.getValue()).orElseThrow(() -> badValue(spec, o.getValue()));
      params.put(o.getKey(), ParamType.text(value));
    }
    return params;
  }

  /**
   * What expressions see for each parameter: text for string and choice, a number for int and
   * number, a boolean for bool.
   */
  static Map<String, Object> typed(PipelineDescriptor d, Map<String, String> params) {
    Map<String, Object> typed = new LinkedHashMap<>();
    params.forEach(
        (name, text) -> {
          ParamSpec spec = d.paramSpecs().get(name);
          typed.put(name, spec == null ? text : spec.type().read(text).orElse(text));
        });
    return typed;
  }

  private static UsageException badValue(ParamSpec spec, String value) {
    String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
    String hint = spec.type() == ParamType.CHOICE ? DidYouMean.hint(value, spec.choices()) : "";
    return new UsageException(
        "parameter '"
            + spec.name()
            + "' ("
            + spec.type().id()
            + ") cannot be '"
            + shown
            + "': it takes "
            + spec.allowed(),
        hint.isEmpty()
            ? Fix.of("give ", Setting.PARAM, " a value it takes")
            : Fix.of(hint + " Give it with ", Setting.PARAM));
  }
}
