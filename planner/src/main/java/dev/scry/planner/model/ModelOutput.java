package dev.scry.planner.model;

import java.io.Serializable;

/** One output of a model graph: either a tensor or a sequence of class-to-probability maps. */
public sealed interface ModelOutput extends Serializable permits TensorOutput, ClassMapOutput {
  String name();

  /** ONNX spelling of the output's type, for messages and DESCRIBE MODEL. */
  String describe();
}
