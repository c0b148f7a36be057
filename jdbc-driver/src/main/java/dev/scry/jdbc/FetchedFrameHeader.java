package dev.scry.jdbc;

import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;

/**
 * Where a {@code FetchResponse}'s frame starts and ends in the result, read from the response bytes
 * without decoding a row: enough to ask for the next frame before this one is decoded.
 *
 * @param offset the frame's first row
 * @param rows how many rows it holds
 * @param done whether it is the result's last frame
 */
record FetchedFrameHeader(long offset, int rows, boolean done) {
  private static final String FETCH = Responses.FetchResponse.class.getName();

  /** The header of the frame in {@code bytes}, or null when they are not a complete fetch with a frame. */
  static FetchedFrameHeader of(byte[] bytes) {
    try {
      WireMessage wire = WireMessage.read(bytes);
      if (!wire.named(FETCH)) {
        return null;
      }
      FetchedFrameHeader header = null;
      WireReader in = new WireReader(bytes, wire.start(), wire.end());
      while (in.hasMore()) {
        int tag = in.readTag();
        int field = WireReader.field(tag);
        if (field == Responses.FetchResponse.FRAME_FIELD_NUMBER
            && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
          if (header != null) {
            return null; // two frames merge in protobuf: not worth guessing where the next one
            // starts
          }
          int length = in.readLength();
          header = frame(bytes, in.position(), in.position() + length);
          in.skipBytes(length);
        } else if ((field == Responses.FetchResponse.MISSING_STATEMENT_FIELD_NUMBER
                || field == Responses.FetchResponse.MISSING_RESULTS_FIELD_NUMBER)
            && WireReader.wireType(tag) == WireReader.VARINT) {
          if (in.readVarint() != 0) {
            return null; // the statement or its results are gone: nothing to fetch ahead
          }
        } else {
          in.skipValue(tag);
        }
      }
      return header;
    } catch (UndecodableFrame e) {
      return null; // the client's own decoding reports it; nothing is fetched ahead
    }
  }

  private static FetchedFrameHeader frame(byte[] bytes, int start, int end)
      throws UndecodableFrame {
    long offset = 0;
    int rows = 0;
    boolean done = false;
    WireReader in = new WireReader(bytes, start, end);
    while (in.hasMore()) {
      int tag = in.readTag();
      int field = WireReader.field(tag);
      if (field == Common.Frame.OFFSET_FIELD_NUMBER
          && WireReader.wireType(tag) == WireReader.VARINT) {
        offset = in.readVarint();
      } else if (field == Common.Frame.DONE_FIELD_NUMBER
          && WireReader.wireType(tag) == WireReader.VARINT) {
        done = in.readVarint() != 0;
      } else {
        if (field == Common.Frame.ROWS_FIELD_NUMBER) {
          rows++;
        }
        in.skipValue(tag);
      }
    }
    return new FetchedFrameHeader(offset, rows, done);
  }
}
