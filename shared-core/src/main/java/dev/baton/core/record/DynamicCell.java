package dev.baton.core.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Marks a step record as part of a dynamic fan-out: a matrix whose axes came from the step's needs
 * at run time.
 *
 * @param step the dynamic step's name
 * @param index the cell's place in cell order; -1 for the record of the step itself (how its
 *     expansion went)
 * @param cells how many cells the expansion made
 * @param axes each dynamic axis's expression as written
 */
public record DynamicCell(String step, int index, int cells, Map<String, String> axes) {
  public DynamicCell {
    axes = axes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(axes));
  }
}
