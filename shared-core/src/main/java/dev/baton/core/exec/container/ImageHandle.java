package dev.baton.core.exec.container;

import dev.baton.core.exec.ForwardingStepHandle;
import dev.baton.core.exec.StepHandle;

/** An attempt's handle that also says which image it ran in, for the run record. */
final class ImageHandle extends ForwardingStepHandle {
  private final String image;
  private final String digest;

  ImageHandle(StepHandle inner, String image, String digest) {
    super(inner);
    this.image = image;
    this.digest = digest;
  }

  @Override
  public String image() {
    return image;
  }

  @Override
  public String imageDigest() {
    return digest;
  }
}
