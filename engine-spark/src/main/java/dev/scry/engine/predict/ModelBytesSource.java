package dev.scry.engine.predict;

import dev.scry.planner.predict.ModelRef;
import java.io.IOException;

/** Reads the stored bytes of a model version from its {@link ModelRef#location() location}. */
@FunctionalInterface
public interface ModelBytesSource {
  byte[] read(ModelRef model) throws IOException;
}
