package dev.scry.planner.model;

/**
 * The protobuf field numbers of onnx.proto that Scry reads and writes, named {@code MESSAGE_FIELD}. One
 * list for the model reader, the engine's ZipMap rewrite and the demo model's writer, which all work on
 * the wire format directly instead of generated ONNX classes. Tensor element types are
 * {@link ElementType#onnxCode()}.
 */
public final class OnnxFormat {
  // ModelProto
  public static final int MODEL_IR_VERSION = 1;
  public static final int MODEL_PRODUCER_NAME = 2;
  public static final int MODEL_PRODUCER_VERSION = 3;
  public static final int MODEL_DOC_STRING = 6;
  public static final int MODEL_GRAPH = 7;
  public static final int MODEL_OPSET_IMPORT = 8;
  // OperatorSetIdProto
  public static final int OPSET_DOMAIN = 1;
  public static final int OPSET_VERSION = 2;
  // GraphProto
  public static final int GRAPH_NODE = 1;
  public static final int GRAPH_NAME = 2;
  public static final int GRAPH_INITIALIZER = 5;
  public static final int GRAPH_INPUT = 11;
  public static final int GRAPH_OUTPUT = 12;
  public static final int GRAPH_SPARSE_INITIALIZER = 15;
  // NodeProto
  public static final int NODE_INPUT = 1;
  public static final int NODE_OUTPUT = 2;
  public static final int NODE_NAME = 3;
  public static final int NODE_OP_TYPE = 4;
  public static final int NODE_ATTRIBUTE = 5;
  public static final int NODE_DOMAIN = 7;
  // AttributeProto, and AttributeProto.AttributeType's INT
  public static final int ATTRIBUTE_NAME = 1;
  public static final int ATTRIBUTE_I = 3;
  public static final int ATTRIBUTE_INTS = 8;
  public static final int ATTRIBUTE_STRINGS = 9;
  public static final int ATTRIBUTE_TYPE = 20;
  public static final int ATTRIBUTE_TYPE_INT = 2;
  // TensorProto
  public static final int TENSOR_DIMS = 1;
  public static final int TENSOR_DATA_TYPE = 2;
  public static final int TENSOR_FLOAT_DATA = 4;
  public static final int TENSOR_NAME = 8;
  // SparseTensorProto
  public static final int SPARSE_TENSOR_VALUES = 1;
  // ValueInfoProto
  public static final int VALUE_INFO_NAME = 1;
  public static final int VALUE_INFO_TYPE = 2;
  // TypeProto and its nested Tensor, Sequence and Map
  public static final int TYPE_TENSOR = 1;
  public static final int TYPE_SEQUENCE = 4;
  public static final int TYPE_MAP = 5;
  public static final int TENSOR_TYPE_ELEM_TYPE = 1;
  public static final int TENSOR_TYPE_SHAPE = 2;
  public static final int SEQUENCE_ELEM_TYPE = 1;
  public static final int MAP_KEY_TYPE = 1;
  public static final int MAP_VALUE_TYPE = 2;
  // TensorShapeProto and its Dimension
  public static final int SHAPE_DIM = 1;
  public static final int DIM_VALUE = 1;
  public static final int DIM_PARAM = 2;

  private OnnxFormat() {}
}
