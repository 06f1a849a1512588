package dev.baton.core.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces secret values, and the encoded forms programs print them in ({@link MaskForms}), with
 * {@value #MASK}. Works on UTF-8 bytes, so it masks text and raw logs alike; where matches overlap
 * or touch, the whole stretch becomes one {@value #MASK}.
 */
public final class Masker {
  public static final String MASK = "****";

  /** Masks nothing. */
  public static final Masker NONE = new Masker(List.of());

  static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.UTF_8);

  private final PatternAutomaton automaton;
  private final int longest;
  private final boolean empty;
  private final int patternCount;

  private Masker(List<byte[]> patterns) {
    this.automaton = new PatternAutomaton(patterns);
    this.longest = patterns.stream().mapToInt(p -> p.length).max().orElse(0);
    this.empty = patterns.isEmpty();
    this.patternCount = patterns.size();
  }

  /** A masker for {@code values} and their encoded forms; empty values are ignored. */
  public static Masker of(Collection<String> values) {
    Set<String> forms = new LinkedHashSet<>();
    for (String v : values) {
      if (v != null) {
        forms.addAll(MaskForms.of(v));
      }
    }
    List<byte[]> patterns = new ArrayList<>();
    for (String f : forms) {
      patterns.add(f.getBytes(StandardCharsets.UTF_8));
    }
    return new Masker(patterns);
  }

  /** True when there is nothing to mask. */
  public boolean isEmpty() {
    return empty;
  }

  /** {@code text} with every secret form masked; null stays null. */
  public String mask(String text) {
    if (empty || text == null || text.isEmpty()) {
      return text;
    }
    return new String(mask(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** {@code bytes} with every secret form masked. */
  public byte[] mask(byte[] bytes) {
    if (empty) {
      return bytes;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    try (OutputStream masking = filter(out)) {
      masking.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A stream that writes what it is given to {@code out}, masked. It holds back the bytes that may
   * begin a form, so a secret split across two writes is still caught; {@link OutputStream#close()}
   * writes the rest and closes {@code out}.
   */
  public MaskingOutputStream filter(OutputStream out) {
    return new MaskingOutputStream(automaton, longest, out);
  }

  /** How many forms there are to find (for tests). */
  int patternCount() {
    return patternCount;
  }
}
