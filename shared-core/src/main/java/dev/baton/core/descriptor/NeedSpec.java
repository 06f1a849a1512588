package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A need on part of a matrix step: one cell ({@code needs: ["train[lr=0.1]"]}) or the cells whose
 * matrix values match ({@code needs: [{step: train, matrix: {model: large}}]}).
 *
 * @param step the needed step's name
 * @param matrix the values a needed cell must have (every axis, for a cell id)
 * @param cellId the cell id as written ({@code train[lr=0.1]}); empty for a subset
 * @param position where the need is written
 */
public record NeedSpec(
    String step, Map<String, String> matrix, String cellId, SourcePosition position) {

  public NeedSpec {
    matrix = Collections.unmodifiableMap(new LinkedHashMap<>(matrix));
    cellId = cellId == null ? "" : cellId;
  }

  /** Whether this names one cell by its id. */
  public boolean isCellId() {
    return !cellId.isEmpty();
  }

  /** Whether a cell with these matrix values is one this need names. */
  public boolean matches(Map<String, String> cell) {
    for (Map.Entry<String, String> e : matrix.entrySet()) {
      if (!e.getValue().equals(cell.get(e.getKey()))) {
        return false;
      }
    }
    return !isCellId() || cell.keySet().equals(matrix.keySet());
  }

  /** How the need reads in messages. */
  public String shown() {
    if (isCellId()) {
      return cellId;
    }
    StringBuilder sb = new StringBuilder(step).append(" cells with ");
    boolean first = true;
    for (Map.Entry<String, String> e : matrix.entrySet()) {
      sb.append(first ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
      first = false;
    }
    return sb.toString();
  }
}
