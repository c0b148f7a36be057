package dev.scry.gateway.demo;

import static dev.scry.planner.model.OnnxFormat.*;

import dev.scry.planner.model.ElementType;
import java.util.List;

/**
 * The demo's churn model, generated here as a real ONNX model: a logistic regression over three float
 * inputs {@code tenure_months}, {@code monthly_charges}, {@code support_calls} (each [N,1]) →
 * Concat(axis 1) → MatMul with a [3,1] weight → Add bias → Sigmoid = {@code churn_probability} FLOAT [N,1];
 * Greater than 0.5 → Cast to int64 = {@code churn_label} INT64 [N,1]. Opset 13, IR version 8.
 */
public final class DemoModel {
  public static final String TENURE_MONTHS = "tenure_months";
  public static final String MONTHLY_CHARGES = "monthly_charges";
  public static final String SUPPORT_CALLS = "support_calls";
  public static final String CHURN_PROBABILITY = "churn_probability";
  public static final String CHURN_LABEL = "churn_label";

  /** Weights of tenure (longer-standing customers stay), charges and support calls (both push to churn). */
  static final float[] WEIGHTS = {-0.06f, 0.03f, 0.5f};

  /** Chosen so that about 30% of {@link DemoData}'s customers are labelled as churning. */
  static final float BIAS = -1.65f;

  static final float THRESHOLD = 0.5f;

  private static final byte[] BYTES = build();

  private DemoModel() {}

  /** The serialized ONNX model (a fresh copy). */
  public static byte[] bytes() {
    return BYTES.clone();
  }

  /** The model's probability computed in plain Java, as a reference for tests. */
  public static double probability(
      double tenureMonths, double monthlyCharges, double supportCalls) {
    double logit =
        BIAS + WEIGHTS[0] * tenureMonths + WEIGHTS[1] * monthlyCharges + WEIGHTS[2] * supportCalls;
    return 1 / (1 + Math.exp(-logit));
  }

  private static byte[] build() {
    ProtoMessage graph =
        new ProtoMessage()
            .message(
                GRAPH_NODE,
                node(
                        "concat_features",
                        "Concat",
                        List.of(TENURE_MONTHS, MONTHLY_CHARGES, SUPPORT_CALLS),
                        "features")
                    .message(NODE_ATTRIBUTE, intAttribute("axis", 1)))
            .message(
                GRAPH_NODE,
                node("apply_weights", "MatMul", List.of("features", "weights"), "weighted"))
            .message(GRAPH_NODE, node("add_bias", "Add", List.of("weighted", "bias"), "logit"))
            .message(GRAPH_NODE, node("sigmoid", "Sigmoid", List.of("logit"), CHURN_PROBABILITY))
            .message(
                GRAPH_NODE,
                node(
                    "over_threshold", "Greater", List.of(CHURN_PROBABILITY, "threshold"), "churns"))
            .message(
                GRAPH_NODE,
                node("to_label", "Cast", List.of("churns"), CHURN_LABEL)
                    .message(NODE_ATTRIBUTE, intAttribute("to", ElementType.INT64.onnxCode())))
            .string(GRAPH_NAME, "churn_logistic_regression")
            .message(GRAPH_INITIALIZER, floatTensor("weights", new long[] {3, 1}, WEIGHTS))
            .message(GRAPH_INITIALIZER, floatTensor("bias", new long[] {1}, BIAS))
            .message(GRAPH_INITIALIZER, floatTensor("threshold", new long[] {1}, THRESHOLD))
            .message(GRAPH_INPUT, batchOfOne(TENURE_MONTHS, ElementType.FLOAT))
            .message(GRAPH_INPUT, batchOfOne(MONTHLY_CHARGES, ElementType.FLOAT))
            .message(GRAPH_INPUT, batchOfOne(SUPPORT_CALLS, ElementType.FLOAT))
            .message(GRAPH_OUTPUT, batchOfOne(CHURN_PROBABILITY, ElementType.FLOAT))
            .message(GRAPH_OUTPUT, batchOfOne(CHURN_LABEL, ElementType.INT64));
    return new ProtoMessage()
        .int64(MODEL_IR_VERSION, 8)
        .string(MODEL_PRODUCER_NAME, "scry-demo")
        .string(MODEL_PRODUCER_VERSION, "0.1.0")
        .string(
            MODEL_DOC_STRING,
            "Demo churn model: logistic regression over tenure, charges and support calls")
        .message(MODEL_GRAPH, graph)
        .message(MODEL_OPSET_IMPORT, new ProtoMessage().int64(OPSET_VERSION, 13))
        .toByteArray();
  }

  private static ProtoMessage node(String name, String opType, List<String> inputs, String output) {
    ProtoMessage node = new ProtoMessage();
    inputs.forEach(input -> node.string(NODE_INPUT, input));
    return node.string(NODE_OUTPUT, output).string(NODE_NAME, name).string(NODE_OP_TYPE, opType);
  }

  private static ProtoMessage intAttribute(String name, long value) {
    return new ProtoMessage()
        .string(ATTRIBUTE_NAME, name)
        .int64(ATTRIBUTE_I, value)
        .int64(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
  }

  private static ProtoMessage floatTensor(String name, long[] dims, float... values) {
    ProtoMessage tensor = new ProtoMessage();
    for (long dim : dims) {
      tensor.int64(TENSOR_DIMS, dim);
    }
    return tensor
        .int64(TENSOR_DATA_TYPE, ElementType.FLOAT.onnxCode())
        .packedFloats(TENSOR_FLOAT_DATA, values)
        .string(TENSOR_NAME, name);
  }

  /** A value of shape [N,1], N symbolic. */
  private static ProtoMessage batchOfOne(String name, ElementType elementType) {
    ProtoMessage shape =
        new ProtoMessage()
            .message(SHAPE_DIM, new ProtoMessage().string(DIM_PARAM, "N"))
            .message(SHAPE_DIM, new ProtoMessage().int64(DIM_VALUE, 1));
    ProtoMessage tensorType =
        new ProtoMessage()
            .int64(TENSOR_TYPE_ELEM_TYPE, elementType.onnxCode())
            .message(TENSOR_TYPE_SHAPE, shape);
    return new ProtoMessage()
        .string(VALUE_INFO_NAME, name)
        .message(VALUE_INFO_TYPE, new ProtoMessage().message(TYPE_TENSOR, tensorType));
  }
}
