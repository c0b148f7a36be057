package dev.scry.planner.model;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link OnnxModelReader} learns about a model besides its signature: the IR version, the producer
 * and the operator sets it imports (domain, "" for the default ONNX domain, to version).
 */
public record OnnxModelInfo(
    ModelSignature signature,
    long irVersion,
    String producerName,
    String producerVersion,
    Map<String, Long> opsets) {
  public OnnxModelInfo {
    Objects.requireNonNull(signature, "signature");
    producerName = producerName == null ? "" : producerName;
    producerVersion = producerVersion == null ? "" : producerVersion;
    opsets = Map.copyOf(opsets);
  }
}
