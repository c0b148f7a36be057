package dev.scry.gateway.server;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's protobuf translation, except that responses carrying result rows ({@code FetchResponse},
 * {@code ExecuteResponse}, {@code ResultSetResponse}) get their frames written by {@link FrameEncoder}.
 * Avatica serializes the rest of such a response with the frame left out; the frame's field is then
 * appended to the message (protobuf readers take fields in any order), so the signature, metadata and
 * flags stay exactly Avatica's. Requests and every other response go to Avatica unchanged.
 */
final class FrameWritingTranslation implements ProtobufTranslation {
  private final ProtobufTranslation avatica;

  FrameWritingTranslation(ProtobufTranslation avatica) {
    this.avatica = Objects.requireNonNull(avatica, "avatica");
  }

  @Override
  public byte[] serializeResponse(Service.Response response) throws IOException {
    if (response instanceof Service.FetchResponse fetch && fetch.frame != null) {
      Service.FetchResponse frameless =
          new Service.FetchResponse(
              null, fetch.missingStatement, fetch.missingResults, fetch.rpcMetadata);
      return withFrame(frameless, Responses.FetchResponse.FRAME_FIELD_NUMBER, fetch.frame);
    }
    if (response instanceof Service.ResultSetResponse result && result.firstFrame != null) {
      return withFrame(
          frameless(result),
          Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER,
          result.firstFrame);
    }
    if (response instanceof Service.ExecuteResponse execute
        && execute.results != null
        && execute.results.stream().anyMatch(result -> result.firstFrame != null)) {
      Common.WireMessage wire =
          Common.WireMessage.parseFrom(
              avatica.serializeResponse(
                  new Service.ExecuteResponse(
                      List.of(), execute.missingStatement, execute.rpcMetadata)));
      int size = wire.getSerializedSize();
      for (Service.ResultSetResponse result : execute.results) {
        size += estimate(result.firstFrame);
      }
      ProtoBuffer out = new ProtoBuffer(size);
      out.writeBytesField(Common.WireMessage.NAME_FIELD_NUMBER, wire.getNameBytes().toByteArray());
      int wrapped = out.beginMessage(Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER);
      out.writeRaw(wire.getWrappedMessage().toByteArray());
      for (Service.ResultSetResponse result : execute.results) {
        int mark = out.beginMessage(Responses.ExecuteResponse.RESULTS_FIELD_NUMBER);
        writeFrameless(out, frameless(result));
        if (result.firstFrame != null) {
          FrameEncoder.write(
              out, Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER, result.firstFrame);
        }
        out.endMessage(mark);
      }
      out.endMessage(wrapped);
      return out.toByteArray();
    }
    return avatica.serializeResponse(response);
  }

  /** The {@code WireMessage} of {@code frameless} as Avatica writes it, with {@code frame} appended in {@code field}. */
  private byte[] withFrame(Service.Response frameless, int field, Meta.Frame frame)
      throws IOException {
    Common.WireMessage wire = Common.WireMessage.parseFrom(avatica.serializeResponse(frameless));
    ProtoBuffer out = new ProtoBuffer(wire.getSerializedSize() + estimate(frame));
    out.writeBytesField(Common.WireMessage.NAME_FIELD_NUMBER, wire.getNameBytes().toByteArray());
    int wrapped = out.beginMessage(Common.WireMessage.WRAPPED_MESSAGE_FIELD_NUMBER);
    out.writeRaw(wire.getWrappedMessage().toByteArray());
    FrameEncoder.write(out, field, frame);
    out.endMessage(wrapped);
    return out.toByteArray();
  }

  /** Avatica's message bytes of {@code response} (without the {@code WireMessage} around them). */
  private void writeFrameless(ProtoBuffer out, Service.Response response) throws IOException {
    out.writeRaw(
        Common.WireMessage.parseFrom(avatica.serializeResponse(response))
            .getWrappedMessage()
            .toByteArray());
  }

  private static Service.ResultSetResponse frameless(Service.ResultSetResponse result) {
    return new Service.ResultSetResponse(
        result.connectionId,
        result.statementId,
        result.ownStatement,
        result.signature,
        null,
        result.updateCount,
        result.rpcMetadata);
  }

  /** A first guess at a frame's encoded size, to size the buffer once for typical rows. */
  private static int estimate(Meta.Frame frame) {
    if (frame == null) {
      return 256;
    }
    int rows = frame.rows instanceof Collection<?> collection ? collection.size() : 1024;
    return Math.min(64 << 20, rows * 96 + 64);
  }

  @Override
  public byte[] serializeRequest(Service.Request request) throws IOException {
    return avatica.serializeRequest(request);
  }

  @Override
  public Service.Request parseRequest(byte[] bytes) throws IOException {
    return avatica.parseRequest(bytes);
  }

  @Override
  public Service.Response parseResponse(byte[] bytes) throws IOException {
    return avatica.parseResponse(bytes);
  }
}
