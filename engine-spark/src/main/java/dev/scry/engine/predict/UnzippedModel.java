package dev.scry.engine.predict;

import static dev.scry.planner.model.OnnxFormat.*;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.scry.planner.model.ElementType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A model's bytes as Scry scores them: every ZipMap node whose output is a graph output is removed and
 * its input, the [N, classes] float tensor of probabilities, becomes the graph output instead.
 *
 * <p>Why: ONNX Runtime's Java API hands a ZipMap output back as one native map object per row, read
 * with several JNI calls and boxed into a HashMap; profiling PREDICT on scikit-learn's rf_iris showed
 * that decoding cost more than scoring itself. The tensor holds the same float values in one buffer;
 * {@link #classTensors()} says which column of it holds which class label, in ZipMap's label order.
 * Models without such a ZipMap keep their bytes unchanged. The registered bytes and their SHA-256 stay
 * the model's identity: this rewrite happens in memory, after verification, just before the session.
 *
 * <p>The rewrite works on the protobuf wire format (field numbers in {@code OnnxFormat}), copying every other
 * field byte for byte.
 */
public record UnzippedModel(byte[] bytes, Map<String, ClassTensor> classTensors) {
  /** The tensor that replaces a ZipMap output, and the class label of each of its columns. */
  public record ClassTensor(String tensorName, List<String> classLabels) {
    public ClassTensor {
      Objects.requireNonNull(tensorName, "tensorName");
      classLabels = List.copyOf(classLabels);
    }

    public int columnOf(String classLabel) {
      return classLabels.indexOf(classLabel);
    }
  }

  public UnzippedModel {
    Objects.requireNonNull(bytes, "bytes");
    classTensors = Map.copyOf(classTensors);
  }

  /** The model with its ZipMap outputs unzipped; the same bytes when it has none (or is not understood). */
  public static UnzippedModel of(byte[] model) {
    try {
      return rewrite(model);
    } catch (IOException | RuntimeException e) {
      // Not a shape this rewrite understands: score the model as it is (ZipMap outputs still
      // decode).
      return new UnzippedModel(model, Map.of());
    }
  }

  private static UnzippedModel rewrite(byte[] model) throws IOException {
    List<Field> modelFields = fields(model, 0, model.length);
    Field graphField = null;
    for (Field field : modelFields) {
      if (field.number() == MODEL_GRAPH) {
        graphField = field;
      }
    }
    if (graphField == null) {
      return new UnzippedModel(model, Map.of());
    }
    List<Field> graph = fields(model, graphField.valueStart(), graphField.valueEnd());
    Set<String> graphOutputs = new HashSet<>();
    Map<String, Integer> uses = new HashMap<>();
    Map<Field, Node> nodes = new LinkedHashMap<>();
    for (Field field : graph) {
      if (field.number() == GRAPH_OUTPUT) {
        graphOutputs.add(valueInfoName(model, field));
      } else if (field.number() == GRAPH_NODE) {
        Node node = node(model, field);
        nodes.put(field, node);
        node.inputs().forEach(input -> uses.merge(input, 1, Integer::sum));
      }
    }
    Map<String, ClassTensor> unzipped = new HashMap<>();
    Set<Field> dropped = new HashSet<>();
    for (Map.Entry<Field, Node> entry : nodes.entrySet()) {
      Node node = entry.getValue();
      if (!node.opType().equals("ZipMap")
          || node.inputs().size() != 1
          || node.outputs().size() != 1
          || node.classLabels().isEmpty()) {
        continue;
      }
      String output = node.outputs().get(0);
      String input = node.inputs().get(0);
      if (graphOutputs.contains(output)
          && !uses.containsKey(output)
          && !graphOutputs.contains(input)) {
        unzipped.put(output, new ClassTensor(input, node.classLabels()));
        dropped.add(entry.getKey());
      }
    }
    if (unzipped.isEmpty()) {
      return new UnzippedModel(model, Map.of());
    }
    ByteArrayOutputStream newGraph =
        new ByteArrayOutputStream(graphField.valueEnd() - graphField.valueStart());
    for (Field field : graph) {
      if (dropped.contains(field)) {
        continue;
      }
      String name = field.number() == GRAPH_OUTPUT ? valueInfoName(model, field) : null;
      ClassTensor tensor = name == null ? null : unzipped.get(name);
      if (tensor != null) {
        writeMessage(
            newGraph,
            GRAPH_OUTPUT,
            floatMatrixOutput(tensor.tensorName(), tensor.classLabels().size()));
      } else {
        newGraph.write(model, field.start(), field.end() - field.start());
      }
    }
    ByteArrayOutputStream newModel = new ByteArrayOutputStream(model.length);
    for (Field field : modelFields) {
      if (field == graphField) {
        writeMessage(newModel, MODEL_GRAPH, newGraph.toByteArray());
      } else {
        newModel.write(model, field.start(), field.end() - field.start());
      }
    }
    return new UnzippedModel(newModel.toByteArray(), unzipped);
  }

  /** One field of a message: its whole extent (tag included) and, for length-delimited ones, its value. */
  private record Field(int number, int start, int end, int valueStart, int valueEnd) {}

  private record Node(
      List<String> inputs, List<String> outputs, String opType, List<String> classLabels) {}

  private static List<Field> fields(byte[] bytes, int from, int to) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes, from, to - from);
    List<Field> fields = new ArrayList<>();
    while (!in.isAtEnd()) {
      int start = from + in.getTotalBytesRead();
      int tag = in.readTag();
      int valueStart = -1;
      int valueEnd = -1;
      if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int length = in.readRawVarint32();
        valueStart = from + in.getTotalBytesRead();
        valueEnd = valueStart + length;
        in.skipRawBytes(length);
      } else {
        in.skipField(tag);
      }
      fields.add(
          new Field(
              WireFormat.getTagFieldNumber(tag),
              start,
              from + in.getTotalBytesRead(),
              valueStart,
              valueEnd));
    }
    return fields;
  }

  private static String string(byte[] bytes, Field field) {
    return new String(
        bytes, field.valueStart(), field.valueEnd() - field.valueStart(), StandardCharsets.UTF_8);
  }

  private static String valueInfoName(byte[] bytes, Field valueInfo) throws IOException {
    for (Field field : fields(bytes, valueInfo.valueStart(), valueInfo.valueEnd())) {
      if (field.number() == VALUE_INFO_NAME) {
        return string(bytes, field);
      }
    }
    return "";
  }

  private static Node node(byte[] bytes, Field nodeField) throws IOException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String opType = "";
    String domain = "";
    List<String> labels = new ArrayList<>();
    for (Field field : fields(bytes, nodeField.valueStart(), nodeField.valueEnd())) {
      switch (field.number()) {
        case NODE_INPUT -> inputs.add(string(bytes, field));
        case NODE_OUTPUT -> outputs.add(string(bytes, field));
        case NODE_OP_TYPE -> opType = string(bytes, field);
        case NODE_DOMAIN -> domain = string(bytes, field);
        case NODE_ATTRIBUTE -> addClassLabels(bytes, field, labels);
        default -> {}
      }
    }
    boolean mlDomain = domain.equals("ai.onnx.ml");
    return new Node(inputs, outputs, mlDomain ? opType : "", labels);
  }

  /** ZipMap's {@code classlabels_int64s} (as decimal strings) or {@code classlabels_strings}. */
  private static void addClassLabels(byte[] bytes, Field attributeField, List<String> into)
      throws IOException {
    CodedInputStream in =
        CodedInputStream.newInstance(
            bytes,
            attributeField.valueStart(),
            attributeField.valueEnd() - attributeField.valueStart());
    String name = "";
    List<String> values = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case ATTRIBUTE_NAME -> name = in.readStringRequireUtf8();
        case ATTRIBUTE_INTS -> {
          if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (!in.isAtEnd()) {
              values.add(String.valueOf(in.readInt64()));
            }
            in.popLimit(limit);
          } else {
            values.add(String.valueOf(in.readInt64()));
          }
        }
        case ATTRIBUTE_STRINGS -> values.add(in.readBytes().toStringUtf8());
        default -> in.skipField(tag);
      }
    }
    if (name.equals("classlabels_int64s") || name.equals("classlabels_strings")) {
      into.addAll(values);
    }
  }

  /** A ValueInfoProto: {@code name}, a float tensor of shape [unknown, columns]. */
  private static byte[] floatMatrixOutput(String name, int columns) throws IOException {
    ByteArrayOutputStream batchDim =
        new ByteArrayOutputStream(); // a Dimension with neither value nor param
    ByteArrayOutputStream classDim = new ByteArrayOutputStream();
    CodedOutputStream dim = CodedOutputStream.newInstance(classDim);
    dim.writeInt64(DIM_VALUE, columns);
    dim.flush();
    ByteArrayOutputStream shape = new ByteArrayOutputStream();
    writeMessage(shape, SHAPE_DIM, batchDim.toByteArray());
    writeMessage(shape, SHAPE_DIM, classDim.toByteArray());
    ByteArrayOutputStream tensor = new ByteArrayOutputStream();
    CodedOutputStream elem = CodedOutputStream.newInstance(tensor);
    elem.writeInt32(TENSOR_TYPE_ELEM_TYPE, ElementType.FLOAT.onnxCode());
    elem.flush();
    writeMessage(tensor, TENSOR_TYPE_SHAPE, shape.toByteArray());
    ByteArrayOutputStream type = new ByteArrayOutputStream();
    writeMessage(type, TYPE_TENSOR, tensor.toByteArray());
    ByteArrayOutputStream valueInfo = new ByteArrayOutputStream();
    CodedOutputStream named = CodedOutputStream.newInstance(valueInfo);
    named.writeString(VALUE_INFO_NAME, name);
    named.flush();
    writeMessage(valueInfo, VALUE_INFO_TYPE, type.toByteArray());
    return valueInfo.toByteArray();
  }

  private static void writeMessage(ByteArrayOutputStream out, int fieldNumber, byte[] message)
      throws IOException {
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    coded.writeByteArray(fieldNumber, message);
    coded.flush();
  }
}
