package dev.scry.jdbc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's protobuf translation, except that the frames of responses carrying result rows
 * ({@code FetchResponse}, {@code ExecuteResponse}, {@code ResultSetResponse}) are read by
 * {@link FrameDecoder}. The response is split into its frame and the rest; Avatica parses the rest
 * (signature, flags, metadata) as always, and the response is rebuilt around the frame read by hand.
 * A response the hand reader does not mirror ({@link UndecodableFrame}) goes to Avatica whole, as
 * does every other response and every request.
 */
final class FrameReadingTranslation implements ProtobufTranslation {
  private static final String FETCH = Responses.FetchResponse.class.getName();
  private static final String EXECUTE = Responses.ExecuteResponse.class.getName();
  private static final String RESULT_SET = Responses.ResultSetResponse.class.getName();

  private final ProtobufTranslation avatica;

  FrameReadingTranslation(ProtobufTranslation avatica) {
    this.avatica = Objects.requireNonNull(avatica, "avatica");
  }

  @Override
  public Service.Response parseResponse(byte[] bytes) throws IOException {
    try {
      Service.Response response = parseWithFrames(bytes);
      if (response != null) {
        return response;
      }
    } catch (UndecodableFrame e) {
      // Avatica's reader decodes it, or reports what is wrong with it.
    }
    return avatica.parseResponse(bytes);
  }

  /** The response with its frames read by hand, or null for a response without frames. */
  private Service.Response parseWithFrames(byte[] bytes) throws IOException, UndecodableFrame {
    WireMessage wire = WireMessage.read(bytes);
    if (wire.named(FETCH)) {
      Split split =
          Split.of(bytes, wire.start(), wire.end(), Responses.FetchResponse.FRAME_FIELD_NUMBER);
      if (!split.hasFrame()) {
        return null;
      }
      Meta.Frame frame = split.frame(bytes);
      Service.FetchResponse rest =
          (Service.FetchResponse) avatica.parseResponse(wire.rewrap(bytes, split.rest()));
      return new Service.FetchResponse(
          frame, rest.missingStatement, rest.missingResults, rest.rpcMetadata);
    }
    if (wire.named(RESULT_SET)) {
      Split split =
          Split.of(
              bytes,
              wire.start(),
              wire.end(),
              Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER);
      if (!split.hasFrame()) {
        return null;
      }
      Meta.Frame frame = split.frame(bytes);
      return withFrame(
          (Service.ResultSetResponse) avatica.parseResponse(wire.rewrap(bytes, split.rest())),
          frame);
    }
    if (wire.named(EXECUTE)) {
      return execute(bytes, wire);
    }
    return null;
  }

  /** An {@code ExecuteResponse}: each result's frame read by hand, the results without frames by Avatica. */
  private Service.Response execute(byte[] bytes, WireMessage wire)
      throws IOException, UndecodableFrame {
    List<Meta.Frame> frames = new ArrayList<>();
    WireWriter rest = new WireWriter(256);
    WireReader in = new WireReader(bytes, wire.start(), wire.end());
    while (in.hasMore()) {
      int fieldStart = in.position();
      int tag = in.readTag();
      if (WireReader.field(tag) == Responses.ExecuteResponse.RESULTS_FIELD_NUMBER
          && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
        int length = in.readLength();
        Split split =
            Split.of(
                bytes,
                in.position(),
                in.position() + length,
                Responses.ResultSetResponse.FIRST_FRAME_FIELD_NUMBER);
        frames.add(split.hasFrame() ? split.frame(bytes) : null);
        byte[] result = split.rest();
        rest.writeLengthDelimited(
            Responses.ExecuteResponse.RESULTS_FIELD_NUMBER, result, 0, result.length);
        in.skipBytes(length);
      } else {
        in.skipValue(tag);
        rest.writeRaw(bytes, fieldStart, in.position());
      }
    }
    if (frames.stream().allMatch(Objects::isNull)) {
      return null;
    }
    Service.ExecuteResponse parsed =
        (Service.ExecuteResponse) avatica.parseResponse(wire.rewrap(bytes, rest.toByteArray()));
    if (parsed.results.size() != frames.size()) {
      throw new UndecodableFrame(
          parsed.results.size() + " results parsed, " + frames.size() + " read");
    }
    List<Service.ResultSetResponse> results = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      results.add(withFrame(parsed.results.get(i), frames.get(i)));
    }
    return new Service.ExecuteResponse(results, parsed.missingStatement, parsed.rpcMetadata);
  }

  private static Service.ResultSetResponse withFrame(
      Service.ResultSetResponse result, Meta.Frame frame) {
    return new Service.ResultSetResponse(
        result.connectionId,
        result.statementId,
        result.ownStatement,
        result.signature,
        frame,
        result.updateCount,
        result.rpcMetadata);
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
  public byte[] serializeResponse(Service.Response response) throws IOException {
    return avatica.serializeResponse(response);
  }

  /** A response message cut in two: its frame field's payload and every other field's bytes. */
  private record Split(int frameStart, int frameEnd, byte[] rest) {

    static Split of(byte[] bytes, int start, int end, int frameField) throws UndecodableFrame {
      int frameStart = -1;
      int frameEnd = -1;
      WireWriter rest = new WireWriter(Math.min(end - start, 1024));
      WireReader in = new WireReader(bytes, start, end);
      while (in.hasMore()) {
        int fieldStart = in.position();
        int tag = in.readTag();
        if (WireReader.field(tag) == frameField
            && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
          if (frameStart >= 0) {
            throw new UndecodableFrame("frame twice in a response (protobuf merges them)");
          }
          int length = in.readLength();
          frameStart = in.position();
          frameEnd = frameStart + length;
          in.skipBytes(length);
        } else {
          in.skipValue(tag);
          rest.writeRaw(bytes, fieldStart, in.position());
        }
      }
      return new Split(frameStart, frameEnd, rest.toByteArray());
    }

    boolean hasFrame() {
      return frameStart >= 0;
    }

    Meta.Frame frame(byte[] bytes) throws UndecodableFrame {
      return FrameDecoder.decode(bytes, frameStart, frameEnd);
    }
  }
}
