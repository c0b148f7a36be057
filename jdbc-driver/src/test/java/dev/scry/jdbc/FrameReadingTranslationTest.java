package dev.scry.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

/**
 * The driver's hand-written frame reader gives exactly what Avatica's reader gives for the same bytes:
 * frames written by Avatica's writer (scalar and the deprecated copy), frames written the gateway's
 * way (each value once, built here field by field), every value type, NULLs, arrays (empty, with
 * NULLs, nested), values only Avatica decodes, pre-1.5 columns, and malformed bytes.
 */
class FrameReadingTranslationTest {
  private final ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();
  private final FrameReadingTranslation scry = new FrameReadingTranslation(avatica);
  private final Service.RpcMetadataResponse metadata = new Service.RpcMetadataResponse("host:8765");

  private static List<Object> everyType() {
    return Arrays.asList(
        null,
        0L,
        1L,
        -1L,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        0,
        42,
        -7,
        Integer.MIN_VALUE,
        (short) -3,
        (short) 0,
        (byte) 5,
        (byte) -128,
        0.0,
        -0.0,
        3.25,
        -1e300,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        0f,
        1.5f,
        -2.5f,
        "",
        "a",
        "ünïcødé ☃ 𝄞",
        "x".repeat(300),
        true,
        false,
        new BigDecimal("-12345.678901234567890"),
        BigDecimal.ZERO,
        new Date(86_400_000L * 19_000),
        new Time(3_600_000L * 5),
        new Timestamp(1_700_000_000_123L),
        new byte[] {0, 1, (byte) 255},
        new byte[0],
        'c',
        Arrays.asList(1L, null, 3L),
        List.of(),
        Arrays.asList((Object) null),
        List.of("p", "q"),
        List.of(List.of(1, 2), List.of(3)),
        List.of(List.of(), Arrays.asList(null, List.of(4L))),
        List.of(1.5, -0.0),
        List.of(true, false),
        List.of(new BigDecimal("1.5"), new byte[] {7}));
  }

  private static Meta.Frame frame(long offset, boolean done) {
    List<Object> values = everyType();
    List<Object> rows = new ArrayList<>();
    rows.add(values.toArray());
    rows.add(values);
    List<Object> reversed = new ArrayList<>(values);
    Collections.reverse(reversed);
    rows.add(reversed.toArray());
    for (int i = 0; i < 200; i++) {
      rows.add(new Object[] {(long) i, "row " + i, i * 0.5, i % 3 == 0 ? null : i});
    }
    return new Meta.Frame(offset, done, rows);
  }

  @Test
  void fetchResponsesFromAvaticasWriterDecodeAsAvaticasOwn() throws Exception {
    for (Meta.Frame frame : List.of(frame(0, false), frame(5_000, true), Meta.Frame.EMPTY)) {
      assertSameAsAvatica(
          avatica.serializeResponse(new Service.FetchResponse(frame, false, true, metadata)));
    }
    assertSameAsAvatica(
        avatica.serializeResponse(new Service.FetchResponse(null, true, false, metadata)));
    byte[] bytes = frame(0, true).toProto().toByteArray();
    assertEquals(
        203,
        count(FrameDecoder.decode(bytes, 0, bytes.length)),
        "read by hand, not left to Avatica");
  }

  @Test
  void framesWrittenTheGatewaysWayDecodeAsAvaticasOwn() throws Exception {
    Common.Frame.Builder frame = Common.Frame.newBuilder().setOffset(17).setDone(true);
    for (int i = 0; i < 3; i++) {
      Common.Row.Builder row = Common.Row.newBuilder();
      for (Object value : everyType()) {
        row.addValue(onlyOnce(value));
      }
      // Types Avatica's writer never produces from Java values, but its reader accepts.
      for (Common.Rep rep :
          List.of(
              Common.Rep.JAVA_UTIL_DATE,
              Common.Rep.NUMBER,
              Common.Rep.PRIMITIVE_LONG,
              Common.Rep.PRIMITIVE_INT,
              Common.Rep.PRIMITIVE_SHORT,
              Common.Rep.PRIMITIVE_BYTE,
              Common.Rep.PRIMITIVE_FLOAT)) {
        row.addValue(
            Common.ColumnValue.newBuilder()
                .setScalarValue(
                    Common.TypedValue.newBuilder()
                        .setType(rep)
                        .setNumberValue(-1_234_567_890_123L + i)));
      }
      row.addValue(
          Common.ColumnValue.newBuilder()
              .setScalarValue(
                  Common.TypedValue.newBuilder()
                      .setType(Common.Rep.PRIMITIVE_DOUBLE)
                      .setDoubleValue(-2.5)));
      row.addValue(
          Common.ColumnValue.newBuilder()
              .setScalarValue(
                  Common.TypedValue.newBuilder()
                      .setType(Common.Rep.PRIMITIVE_BOOLEAN)
                      .setBoolValue(true)));
      row.addValue(Common.ColumnValue.newBuilder().setScalarValue(Common.TypedValue.newBuilder()));
      row.addValue(
          Common.ColumnValue.newBuilder()
              .setScalarValue(
                  Common.TypedValue.newBuilder()
                      .setType(Common.Rep.PRIMITIVE_CHAR)
                      .setStringValue("zy")));
      frame.addRows(row);
    }
    assertSameAsAvatica(fetch(frame.build()));
    byte[] bytes = frame.build().toByteArray();
    assertEquals(
        3, count(FrameDecoder.decode(bytes, 0, bytes.length)), "read by hand, not left to Avatica");
  }

  @Test
  void valuesOnlyAvaticaDecodesGoThroughIt() throws Exception {
    Common.TypedValue objectNull =
        Common.TypedValue.newBuilder().setType(Common.Rep.OBJECT).setNull(true).build();
    Common.TypedValue arrayScalar =
        Common.TypedValue.newBuilder()
            .setType(Common.Rep.ARRAY)
            .setComponentType(Common.Rep.LONG)
            .addArrayValue(typed(5L))
            .addArrayValue(typed(null))
            .build();
    // Before Avatica 1.8 a decimal was its unscaled bytes (12345 = 0x30 0x39) and its scale (2,
    // zig-zag 4).
    Common.TypedValue oldDecimal =
        Common.TypedValue.parseFrom(
            new byte[] {
              0x08, (byte) Common.Rep.BIG_DECIMAL.getNumber(), 0x2A, 2, 0x30, 0x39, 0x20, 4
            });
    Common.TypedValue withComponent =
        typed(7L).toBuilder().setComponentType(Common.Rep.LONG).build();
    Common.Row row =
        Common.Row.newBuilder()
            .addValue(Common.ColumnValue.newBuilder().setScalarValue(objectNull))
            .addValue(Common.ColumnValue.newBuilder().setScalarValue(arrayScalar))
            .addValue(Common.ColumnValue.newBuilder().setScalarValue(oldDecimal))
            .addValue(Common.ColumnValue.newBuilder().setScalarValue(withComponent))
            .build();
    Service.FetchResponse decoded =
        (Service.FetchResponse)
            assertSameAsAvatica(fetch(Common.Frame.newBuilder().addRows(row).build()));
    List<?> values = (List<?>) decoded.frame.rows.iterator().next();
    assertNull(values.get(0));
    assertInstanceOf(
        TypedValue.class,
        ((List<?>) values.get(1)).get(0),
        "Avatica keeps a scalar ARRAY's TypedValues");
    assertEquals(new BigDecimal("123.45"), values.get(2));
    assertEquals(7L, values.get(3));
  }

  @Test
  void preAvatica15ColumnsAreLeftToAvatica() throws Exception {
    Common.Row row =
        Common.Row.newBuilder()
            .addValue(Common.ColumnValue.newBuilder().addValue(typed(3L)))
            .addValue(Common.ColumnValue.newBuilder().addValue(typed("a")).addValue(typed("b")))
            .build();
    Service.FetchResponse decoded =
        (Service.FetchResponse)
            assertSameAsAvatica(fetch(Common.Frame.newBuilder().addRows(row).build()));
    assertEquals(List.of(3L, List.of("a", "b")), decoded.frame.rows.iterator().next());
    byte[] bytes = Common.Frame.newBuilder().addRows(row).build().toByteArray();
    assertThrows(UndecodableFrame.class, () -> FrameDecoder.decode(bytes, 0, bytes.length));
  }

  @Test
  void executeAndResultSetResponsesDecodeAsAvaticasOwn() throws Exception {
    Meta.Signature signature =
        Meta.Signature.create(
            List.of(
                ColumnMetaData.dummy(
                    ColumnMetaData.scalar(Types.BIGINT, "BIGINT", ColumnMetaData.Rep.LONG), true)),
            "SELECT 1",
            List.of(),
            Meta.CursorFactory.ARRAY,
            Meta.StatementType.SELECT);
    Service.ResultSetResponse withRows =
        new Service.ResultSetResponse("conn-1", 7, true, signature, frame(0, true), -1, metadata);
    Service.ResultSetResponse update =
        new Service.ResultSetResponse("conn-1", 8, false, null, null, 3, metadata);
    Service.ResultSetResponse empty =
        new Service.ResultSetResponse("conn-1", 9, false, signature, Meta.Frame.EMPTY, -1, null);

    Service.ExecuteResponse execute =
        (Service.ExecuteResponse)
            assertSameAsAvatica(
                avatica.serializeResponse(
                    new Service.ExecuteResponse(
                        List.of(withRows, update, empty), false, metadata)));
    assertEquals(3, execute.results.size());
    assertEquals(signature, execute.results.get(0).signature);
    assertEquals(203, count(execute.results.get(0).firstFrame));
    assertNull(execute.results.get(1).firstFrame);
    assertEquals(0, count(execute.results.get(2).firstFrame));

    assertSameAsAvatica(
        avatica.serializeResponse(new Service.ExecuteResponse(List.of(update), true, null)));
    assertSameAsAvatica(avatica.serializeResponse(withRows));
    assertSameAsAvatica(avatica.serializeResponse(update));
  }

  @Test
  void otherResponsesAreAvaticas() throws Exception {
    assertSameAsAvatica(avatica.serializeResponse(new Service.CloseStatementResponse(metadata)));
    assertSameAsAvatica(
        avatica.serializeResponse(
            new Service.ErrorResponse(
                List.of("trace"), "bad", 42, "42000", AvaticaSeverity.ERROR, metadata)));
  }

  @Test
  void malformedBytesFailAsInAvatica() throws Exception {
    byte[] whole =
        avatica.serializeResponse(
            new Service.FetchResponse(frame(0, true), false, false, metadata));
    for (int cut : new int[] {whole.length - 1, whole.length / 2, 40}) {
      byte[] truncated = Arrays.copyOf(whole, cut);
      assertThrows(IOException.class, () -> avatica.parseResponse(truncated));
      assertThrows(IOException.class, () -> scry.parseResponse(truncated));
    }
  }

  @Test
  void aFetchedFramesHeaderIsReadWithoutDecodingIt() throws Exception {
    assertEquals(
        new FetchedFrameHeader(5_000, 203, false),
        FetchedFrameHeader.of(
            avatica.serializeResponse(
                new Service.FetchResponse(frame(5_000, false), false, false, metadata))));
    assertEquals(
        new FetchedFrameHeader(0, 203, true),
        FetchedFrameHeader.of(
            avatica.serializeResponse(
                new Service.FetchResponse(frame(0, true), false, false, metadata))));
    assertEquals(
        new FetchedFrameHeader(0, 0, false),
        FetchedFrameHeader.of(
            avatica.serializeResponse(
                new Service.FetchResponse(Meta.Frame.MORE, false, false, metadata))));
    assertNull(
        FetchedFrameHeader.of(
            avatica.serializeResponse(
                new Service.FetchResponse(frame(0, false), false, true, metadata))),
        "missing results");
    assertNull(
        FetchedFrameHeader.of(
            avatica.serializeResponse(new Service.FetchResponse(null, false, false, metadata))));
    assertNull(
        FetchedFrameHeader.of(
            avatica.serializeResponse(new Service.CloseStatementResponse(metadata))));
    byte[] whole =
        avatica.serializeResponse(
            new Service.FetchResponse(frame(0, false), false, false, metadata));
    assertNull(FetchedFrameHeader.of(Arrays.copyOf(whole, whole.length / 2)), "truncated");
  }

  /** Decodes {@code bytes} with both readers, checks they agree field by field and value by value. */
  private Service.Response assertSameAsAvatica(byte[] bytes) throws IOException {
    Service.Response expected = avatica.parseResponse(bytes);
    Service.Response actual = scry.parseResponse(bytes);
    assertNotNull(actual);
    assertEquals(expected.getClass(), actual.getClass());
    if (expected instanceof Service.FetchResponse want
        && actual instanceof Service.FetchResponse got) {
      assertEquals(want.missingResults, got.missingResults);
      assertEquals(want.missingStatement, got.missingStatement);
      assertEquals(want.rpcMetadata, got.rpcMetadata);
      assertSameFrame(want.frame, got.frame);
    } else if (expected instanceof Service.ExecuteResponse want
        && actual instanceof Service.ExecuteResponse got) {
      assertEquals(want.missingStatement, got.missingStatement);
      assertEquals(want.rpcMetadata, got.rpcMetadata);
      assertEquals(want.results.size(), got.results.size());
      for (int i = 0; i < want.results.size(); i++) {
        assertSameResult(want.results.get(i), got.results.get(i));
      }
    } else if (expected instanceof Service.ResultSetResponse want) {
      assertSameResult(want, (Service.ResultSetResponse) actual);
    } else {
      assertEquals(expected, actual);
    }
    return actual;
  }

  private static void assertSameResult(
      Service.ResultSetResponse want, Service.ResultSetResponse got) {
    assertEquals(want.connectionId, got.connectionId);
    assertEquals(want.statementId, got.statementId);
    assertEquals(want.ownStatement, got.ownStatement);
    assertEquals(want.signature, got.signature);
    assertEquals(want.updateCount, got.updateCount);
    assertEquals(want.rpcMetadata, got.rpcMetadata);
    assertSameFrame(want.firstFrame, got.firstFrame);
  }

  private static void assertSameFrame(Meta.Frame want, Meta.Frame got) {
    if (want == null) {
      assertNull(got, "no frame");
      return;
    }
    assertEquals(want.offset, got.offset);
    assertEquals(want.done, got.done);
    assertSameValue(list(want.rows), list(got.rows), "rows");
  }

  /** Same class and value, all the way down: a Long is not an Integer, byte arrays by content. */
  private static void assertSameValue(Object want, Object got, String where) {
    if (want == null) {
      assertNull(got, where);
    } else if (want instanceof byte[] bytes) {
      assertArrayEquals(bytes, assertInstanceOf(byte[].class, got, where), where);
    } else if (want instanceof List<?> wantList) {
      List<?> gotList = assertInstanceOf(List.class, got, where);
      assertEquals(wantList.size(), gotList.size(), where);
      for (int i = 0; i < wantList.size(); i++) {
        assertSameValue(wantList.get(i), gotList.get(i), where + "[" + i + "]");
      }
    } else {
      assertNotNull(got, where);
      assertEquals(want.getClass(), got.getClass(), where);
      assertEquals(want, got, where);
    }
  }

  private static List<Object> list(Iterable<Object> rows) {
    List<Object> out = new ArrayList<>();
    rows.forEach(out::add);
    return out;
  }

  private static int count(Meta.Frame frame) {
    return list(frame.rows).size();
  }

  private byte[] fetch(Common.Frame frame) {
    Responses.FetchResponse message =
        Responses.FetchResponse.newBuilder()
            .setFrame(frame)
            .setMetadata(Responses.RpcMetadata.newBuilder().setServerAddress("host:8765"))
            .build();
    return Common.WireMessage.newBuilder()
        .setName(Responses.FetchResponse.class.getName())
        .setWrappedMessage(message.toByteString())
        .build()
        .toByteArray();
  }

  /** A column as the gateway writes it: the scalar once, or the array elements with has_array_value. */
  private static Common.ColumnValue onlyOnce(Object value) {
    Common.ColumnValue.Builder column = Common.ColumnValue.newBuilder();
    if (value instanceof List<?> elements) {
      for (Object element : elements) {
        column.addArrayValue(typed(element));
      }
      return column.setHasArrayValue(true).build();
    }
    return column.setScalarValue(typed(value)).build();
  }

  private static Common.TypedValue typed(Object value) {
    Common.TypedValue.Builder builder = Common.TypedValue.newBuilder();
    if (value instanceof List<?> elements) {
      builder.setType(Common.Rep.ARRAY);
      for (Object element : elements) {
        builder.addArrayValue(typed(element));
      }
      return builder.build();
    }
    TypedValue.toProto(builder, value);
    return builder.build();
  }
}
