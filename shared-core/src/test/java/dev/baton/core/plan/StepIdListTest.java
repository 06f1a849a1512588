package dev.baton.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepIdListTest {
  @Test
  void commasInsideAMatrixIdDoNotSplitIt() {
    assertThat(StepIdList.parse("train[lr=0.1,l2=0]")).containsExactly("train[lr=0.1,l2=0]");
    assertThat(StepIdList.parse(" prepare , train[lr=0.1,bs=32],eval"))
        .containsExactly("prepare", "train[lr=0.1,bs=32]", "eval");
  }

  @Test
  void quotedPartsAreOneIdWithoutTheirQuotes() {
    assertThat(StepIdList.parse("'train[v=a,b]',\"eval[x=1,y=2]\", prep"))
        .containsExactly("train[v=a,b]", "eval[x=1,y=2]", "prep");
  }

  @Test
  void anApostropheInsideAnIdIsPartOfIt() {
    assertThat(StepIdList.parse("say[msg=it's],prep")).containsExactly("say[msg=it's]", "prep");
  }

  @Test
  void blanksAndRepeatsAreDropped() {
    assertThat(StepIdList.parse(null)).isEmpty();
    assertThat(StepIdList.parse(" , ,")).isEmpty();
    assertThat(StepIdList.parse("a,a,b")).containsExactly("a", "b");
  }

  @Test
  void repeatedOptionValuesAreEachReadAsAList() {
    assertThat(StepIdList.parseAll(List.of("a,train[x=1,y=2]", "c")))
        .containsExactly("a", "train[x=1,y=2]", "c");
  }
}
