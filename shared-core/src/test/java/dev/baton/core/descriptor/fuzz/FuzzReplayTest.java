package dev.baton.core.descriptor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A printed seed is only worth something if it makes the same inputs again, on any machine. */
class FuzzReplayTest {
  @Test
  void aSeedMakesTheSameInputsAgain() throws Exception {
    List<String> corpus = FuzzInputs.corpus();
    assertThat(inputs(1234, corpus)).isEqualTo(inputs(1234, corpus));
    assertThat(inputs(1234, corpus)).isNotEqualTo(inputs(1235, corpus));
  }

  /**
   * The mutator picks corpus entries by index; a directory listing's order is the file system's.
   */
  @Test
  void theCorpusIsInPathOrderWhateverOrderTheFileSystemListsIt() throws Exception {
    List<Path> files = FuzzInputs.corpusFiles();
    assertThat(files).hasSizeGreaterThan(5).isSorted();
  }

  private static List<String> inputs(long seed, List<String> corpus) {
    DescriptorMutator mutator = new DescriptorMutator(new Random(seed), corpus);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      inputs.add(mutator.next());
    }
    return inputs;
  }
}
