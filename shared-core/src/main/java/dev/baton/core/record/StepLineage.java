package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a step read and wrote, by content: each file under its declared {@code inputs} and {@code
 * outputs} (workspace-relative path → {@code sha256:<hex>}), and the digest of the container image
 * it ran in. {@code baton lineage} follows these digests from a file back to the step that wrote
 * it, and from that step's inputs to the steps that wrote them.
 *
 * @param image the image digest ({@code sha256:…}) of the last attempt; null for a step on the host
 * @param artifacts the step's named artifacts: name → workspace-relative path (its digest is under
 *     {@code outputs})
 */
public record StepLineage(
    Map<String, String> inputs,
    Map<String, String> outputs,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String image,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> artifacts) {

  /** The prefix of every file digest: the algorithm, as image digests carry it. */
  public static final String SHA256 = "sha256:";

  public StepLineage {
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(inputs));
    outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(outputs));
    artifacts =
        artifacts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(artifacts));
  }

  /** Lineage without named artifacts. */
  public StepLineage(
      Map<String, String> inputs, Map<String, String> outputs, @Nullable String image) {
    this(inputs, outputs, image, Map.of());
  }

  public boolean isEmpty() {
    return inputs.isEmpty() && outputs.isEmpty() && image == null && artifacts.isEmpty();
  }
}
