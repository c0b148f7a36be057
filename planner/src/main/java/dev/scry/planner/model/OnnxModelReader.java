package dev.scry.planner.model;

import static dev.scry.planner.model.OnnxFormat.*;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the signature of an ONNX model straight from its protobuf wire format (field numbers in
 * {@link OnnxFormat}). ONNX Runtime's Java API exposes input and output types but not node
 * attributes, and ZipMap's class labels live in node attributes; reading the graph ourselves gives both
 * without a session.
 */
public final class OnnxModelReader {
  private OnnxModelReader() {}

  /** The inputs and outputs of the model's main graph. */
  public static ModelSignature read(byte[] onnxModel) {
    return readInfo(onnxModel).signature();
  }

  /** The signature together with the IR version, producer and imported operator sets. */
  public static OnnxModelInfo readInfo(byte[] onnxModel) {
    Objects.requireNonNull(onnxModel, "onnxModel");
    if (onnxModel.length == 0) {
      throw new InvalidOnnxModelException("Not an ONNX model: the file is empty");
    }
    try {
      return readModel(CodedInputStream.newInstance(onnxModel));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidOnnxModelException(
          "Not an ONNX model: the bytes are not a valid ModelProto (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new InvalidOnnxModelException("Not an ONNX model: " + e.getMessage(), e);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // model

  private static OnnxModelInfo readModel(CodedInputStream in) throws IOException {
    long irVersion = -1;
    String producerName = "";
    String producerVersion = "";
    Map<String, Long> opsets = new LinkedHashMap<>();
    Graph graph = null;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      switch (WireFormat.getTagFieldNumber(tag)) {
        case MODEL_IR_VERSION -> irVersion = readVarint(in, tag, "ModelProto.ir_version");
        case MODEL_PRODUCER_NAME -> producerName = readString(in, tag, "ModelProto.producer_name");
        case MODEL_PRODUCER_VERSION ->
            producerVersion = readString(in, tag, "ModelProto.producer_version");
        case MODEL_GRAPH ->
            graph = readMessage(in, tag, "ModelProto.graph", OnnxModelReader::readGraph);
        case MODEL_OPSET_IMPORT -> {
          Opset opset = readMessage(in, tag, "ModelProto.opset_import", OnnxModelReader::readOpset);
          opsets.put(opset.domain(), opset.version());
        }
        default -> in.skipField(tag);
      }
    }
    if (graph == null || irVersion < 0) {
      throw new InvalidOnnxModelException(
          "Not an ONNX model: no "
              + (graph == null ? "graph" : "ir_version")
              + " found in the ModelProto");
    }
    if (graph.outputs().isEmpty()) {
      throw new InvalidOnnxModelException("The ONNX model's graph declares no outputs");
    }
    return new OnnxModelInfo(signatureOf(graph), irVersion, producerName, producerVersion, opsets);
  }

  private static Opset readOpset(CodedInputStream in) throws IOException {
    String domain = "";
    long version = 0;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case OPSET_DOMAIN -> domain = readString(in, tag, "OperatorSetIdProto.domain");
        case OPSET_VERSION -> version = readVarint(in, tag, "OperatorSetIdProto.version");
        default -> in.skipField(tag);
      }
    }
    return new Opset(domain, version);
  }

  // ----------------------------------------------------------------------------------------------
  // graph

  private static Graph readGraph(CodedInputStream in) throws IOException {
    List<Node> nodes = new ArrayList<>();
    Set<String> initializers = new HashSet<>();
    List<ValueInfo> inputs = new ArrayList<>();
    List<ValueInfo> outputs = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case GRAPH_NODE ->
            nodes.add(readMessage(in, tag, "GraphProto.node", OnnxModelReader::readNode));
        case GRAPH_INITIALIZER ->
            initializers.add(
                readMessage(in, tag, "GraphProto.initializer", OnnxModelReader::readTensorName));
        case GRAPH_SPARSE_INITIALIZER ->
            initializers.add(
                readMessage(
                    in,
                    tag,
                    "GraphProto.sparse_initializer",
                    OnnxModelReader::readSparseTensorName));
        case GRAPH_INPUT ->
            inputs.add(readMessage(in, tag, "GraphProto.input", OnnxModelReader::readValueInfo));
        case GRAPH_OUTPUT ->
            outputs.add(readMessage(in, tag, "GraphProto.output", OnnxModelReader::readValueInfo));
        default -> in.skipField(tag);
      }
    }
    return new Graph(nodes, initializers, inputs, outputs);
  }

  /** Only the name of an initializer matters: it hides a graph input of the same name. */
  private static String readTensorName(CodedInputStream in) throws IOException {
    String name = "";
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (WireFormat.getTagFieldNumber(tag) == TENSOR_NAME) {
        name = readString(in, tag, "TensorProto.name");
      } else {
        in.skipField(tag);
      }
    }
    return name;
  }

  private static String readSparseTensorName(CodedInputStream in) throws IOException {
    String name = "";
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (WireFormat.getTagFieldNumber(tag) == SPARSE_TENSOR_VALUES) {
        name = readMessage(in, tag, "SparseTensorProto.values", OnnxModelReader::readTensorName);
      } else {
        in.skipField(tag);
      }
    }
    return name;
  }

  private static ValueInfo readValueInfo(CodedInputStream in) throws IOException {
    String name = null;
    Type type = new OtherType();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case VALUE_INFO_NAME -> name = readString(in, tag, "ValueInfoProto.name");
        case VALUE_INFO_TYPE ->
            type = readMessage(in, tag, "ValueInfoProto.type", OnnxModelReader::readType);
        default -> in.skipField(tag);
      }
    }
    if (name == null || name.isEmpty()) {
      throw new InvalidOnnxModelException("A graph input or output of the ONNX model has no name");
    }
    return new ValueInfo(name, type);
  }

  private static Type readType(CodedInputStream in) throws IOException {
    Type type = new OtherType();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case TYPE_TENSOR ->
            type = readMessage(in, tag, "TypeProto.tensor_type", OnnxModelReader::readTensorType);
        case TYPE_SEQUENCE ->
            type =
                readMessage(in, tag, "TypeProto.sequence_type", OnnxModelReader::readSequenceType);
        case TYPE_MAP ->
            type = readMessage(in, tag, "TypeProto.map_type", OnnxModelReader::readMapType);
        default -> in.skipField(tag);
      }
    }
    return type;
  }

  private static TensorType readTensorType(CodedInputStream in) throws IOException {
    int elemType = 0;
    List<Long> shape = null;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case TENSOR_TYPE_ELEM_TYPE ->
            elemType = (int) readVarint(in, tag, "TypeProto.Tensor.elem_type");
        case TENSOR_TYPE_SHAPE ->
            shape = readMessage(in, tag, "TypeProto.Tensor.shape", OnnxModelReader::readShape);
        default -> in.skipField(tag);
      }
    }
    return new TensorType(elemType, shape);
  }

  private static List<Long> readShape(CodedInputStream in) throws IOException {
    List<Long> dims = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (WireFormat.getTagFieldNumber(tag) == SHAPE_DIM) {
        dims.add(readMessage(in, tag, "TensorShapeProto.dim", OnnxModelReader::readDimension));
      } else {
        in.skipField(tag);
      }
    }
    return dims;
  }

  /** A fixed dimension's value; -1 for a symbolic ({@code dim_param}) or unknown one. */
  private static long readDimension(CodedInputStream in) throws IOException {
    long value = -1;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case DIM_VALUE -> value = readVarint(in, tag, "Dimension.dim_value");
        case DIM_PARAM -> {
          readString(in, tag, "Dimension.dim_param");
          value = -1;
        }
        default -> in.skipField(tag);
      }
    }
    // Some exporters write dim_value 0 for "unknown"; no real batch has zero rows.
    return value <= 0 ? -1 : value;
  }

  private static SequenceType readSequenceType(CodedInputStream in) throws IOException {
    Type element = new OtherType();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (WireFormat.getTagFieldNumber(tag) == SEQUENCE_ELEM_TYPE) {
        element = readMessage(in, tag, "TypeProto.Sequence.elem_type", OnnxModelReader::readType);
      } else {
        in.skipField(tag);
      }
    }
    return new SequenceType(element);
  }

  private static MapType readMapType(CodedInputStream in) throws IOException {
    int keyType = 0;
    Type valueType = new OtherType();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case MAP_KEY_TYPE -> keyType = (int) readVarint(in, tag, "TypeProto.Map.key_type");
        case MAP_VALUE_TYPE ->
            valueType = readMessage(in, tag, "TypeProto.Map.value_type", OnnxModelReader::readType);
        default -> in.skipField(tag);
      }
    }
    return new MapType(keyType, valueType);
  }

  // ----------------------------------------------------------------------------------------------
  // nodes

  private static Node readNode(CodedInputStream in) throws IOException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String opType = "";
    String domain = "";
    Map<String, Attribute> attributes = new HashMap<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case NODE_INPUT -> inputs.add(readString(in, tag, "NodeProto.input"));
        case NODE_OUTPUT -> outputs.add(readString(in, tag, "NodeProto.output"));
        case NODE_OP_TYPE -> opType = readString(in, tag, "NodeProto.op_type");
        case NODE_DOMAIN -> domain = readString(in, tag, "NodeProto.domain");
        case NODE_ATTRIBUTE -> {
          Attribute attribute =
              readMessage(in, tag, "NodeProto.attribute", OnnxModelReader::readAttribute);
          attributes.put(attribute.name(), attribute);
        }
        default -> in.skipField(tag);
      }
    }
    return new Node(inputs, outputs, opType, domain, attributes);
  }

  /** Only the list-valued parts ZipMap uses: {@code ints} and {@code strings}. */
  private static Attribute readAttribute(CodedInputStream in) throws IOException {
    String name = "";
    List<Long> ints = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case ATTRIBUTE_NAME -> name = readString(in, tag, "AttributeProto.name");
        case ATTRIBUTE_INTS -> readInt64s(in, tag, ints);
        case ATTRIBUTE_STRINGS -> strings.add(readString(in, tag, "AttributeProto.strings"));
        default -> in.skipField(tag);
      }
    }
    return new Attribute(name, ints, strings);
  }

  /** A repeated int64, written either packed or one value per tag. */
  private static void readInt64s(CodedInputStream in, int tag, List<Long> into) throws IOException {
    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      int limit = in.pushLimit(in.readRawVarint32());
      while (!in.isAtEnd()) {
        into.add(in.readInt64());
      }
      in.popLimit(limit);
    } else {
      into.add(readVarint(in, tag, "AttributeProto.ints"));
    }
  }

  // ----------------------------------------------------------------------------------------------
  // signature

  private static ModelSignature signatureOf(Graph graph) {
    List<ModelInput> inputs = new ArrayList<>();
    for (ValueInfo input : graph.inputs()) {
      if (graph.initializers().contains(input.name())) {
        continue; // a constant with a default value, not something the caller feeds
      }
      if (!(input.type() instanceof TensorType tensor)) {
        throw new InvalidOnnxModelException(
            "Model input '"
                + input.name()
                + "' is not a tensor ("
                + describe(input.type())
                + "): only tensor inputs can be fed from columns");
      }
      inputs.add(
          new ModelInput(
              input.name(), elementType(tensor, "input '" + input.name() + "'"), shapeOf(tensor)));
    }
    Map<String, Node> producers = new HashMap<>();
    for (Node node : graph.nodes()) {
      for (String output : node.outputs()) {
        producers.put(output, node);
      }
    }
    List<ModelOutput> outputs = new ArrayList<>();
    for (ValueInfo output : graph.outputs()) {
      outputs.add(outputOf(output, producers));
    }
    return new ModelSignature(inputs, outputs);
  }

  private static ModelOutput outputOf(ValueInfo output, Map<String, Node> producers) {
    String what = "output '" + output.name() + "'";
    if (output.type() instanceof TensorType tensor) {
      return new TensorOutput(output.name(), elementType(tensor, what), shapeOf(tensor));
    }
    if (output.type() instanceof SequenceType sequence
        && sequence.element() instanceof MapType map
        && map.valueType() instanceof TensorType value) {
      ElementType keyType = elementType(map.keyType(), "keys of " + what);
      ElementType valueType = elementType(value, "values of " + what);
      return new ClassMapOutput(
          output.name(), keyType, valueType, classLabels(output.name(), producers));
    }
    throw new InvalidOnnxModelException(
        "Model " + what + " has a type Scry cannot return as columns: " + describe(output.type()));
  }

  /**
   * The class labels of the ZipMap node that produces {@code outputName} (looking through Identity nodes),
   * in the model's order; empty when no ZipMap produces it.
   */
  private static List<String> classLabels(String outputName, Map<String, Node> producers) {
    Optional<Node> producer = Optional.ofNullable(producers.get(outputName));
    Set<String> seen = new HashSet<>();
    while (producer.isPresent()
        && producer.get().opType().equals("Identity")
        && !producer.get().inputs().isEmpty()
        && seen.add(producer.get().inputs().get(0))) {
      producer = Optional.ofNullable(producers.get(producer.get().inputs().get(0)));
    }
    if (producer.isEmpty() || !producer.get().opType().equals("ZipMap")) {
      return List.of();
    }
    Map<String, Attribute> attributes = producer.get().attributes();
    Attribute int64s = attributes.get("classlabels_int64s");
    if (int64s != null && !int64s.ints().isEmpty()) {
      return int64s.ints().stream().map(String::valueOf).toList();
    }
    Attribute strings = attributes.get("classlabels_strings");
    return strings == null ? List.of() : List.copyOf(strings.strings());
  }

  private static ElementType elementType(TensorType tensor, String what) {
    return elementType(tensor.elemType(), what);
  }

  private static ElementType elementType(int code, String what) {
    try {
      return ElementType.fromOnnxCode(code);
    } catch (IllegalArgumentException e) {
      throw new InvalidOnnxModelException(
          "Model " + what + " has an unsupported element type (ONNX code " + code + ")", e);
    }
  }

  /** The declared shape; a tensor declared without any shape is treated as rank 0 (empty list). */
  private static List<Long> shapeOf(TensorType tensor) {
    return tensor.shape() == null ? List.of() : tensor.shape();
  }

  private static String describe(Type type) {
    if (type instanceof TensorType t) {
      return "tensor(" + t.elemType() + ")";
    }
    if (type instanceof SequenceType s) {
      return "seq(" + describe(s.element()) + ")";
    }
    if (type instanceof MapType m) {
      return "map(" + m.keyType() + "," + describe(m.valueType()) + ")";
    }
    return "an unsupported type";
  }

  // ----------------------------------------------------------------------------------------------
  // wire helpers

  @FunctionalInterface
  private interface MessageParser<T> {
    T parse(CodedInputStream in) throws IOException;
  }

  private static <T> T readMessage(
      CodedInputStream in, int tag, String field, MessageParser<T> parser) throws IOException {
    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
    int length = in.readRawVarint32();
    if (length < 0) {
      throw new InvalidOnnxModelException("Not an ONNX model: negative length for " + field);
    }
    int limit = in.pushLimit(length);
    T value = parser.parse(in);
    in.popLimit(limit);
    return value;
  }

  private static String readString(CodedInputStream in, int tag, String field) throws IOException {
    expectWireType(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
    return in.readStringRequireUtf8();
  }

  private static long readVarint(CodedInputStream in, int tag, String field) throws IOException {
    expectWireType(tag, WireFormat.WIRETYPE_VARINT, field);
    return in.readInt64();
  }

  private static void expectWireType(int tag, int wireType, String field) {
    if (WireFormat.getTagWireType(tag) != wireType) {
      throw new InvalidOnnxModelException(
          "Not an ONNX model: "
              + field
              + " has wire type "
              + WireFormat.getTagWireType(tag)
              + ", expected "
              + wireType);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // parsed parts

  private record Opset(String domain, long version) {}

  private record Graph(
      List<Node> nodes,
      Set<String> initializers,
      List<ValueInfo> inputs,
      List<ValueInfo> outputs) {}

  private record Node(
      List<String> inputs,
      List<String> outputs,
      String opType,
      String domain,
      Map<String, Attribute> attributes) {}

  private record Attribute(String name, List<Long> ints, List<String> strings) {}

  private record ValueInfo(String name, Type type) {}

  private sealed interface Type permits TensorType, SequenceType, MapType, OtherType {}

  private record TensorType(int elemType, List<Long> shape) implements Type {}

  private record SequenceType(Type element) implements Type {}

  private record MapType(int keyType, Type valueType) implements Type {}

  private record OtherType() implements Type {}
}
