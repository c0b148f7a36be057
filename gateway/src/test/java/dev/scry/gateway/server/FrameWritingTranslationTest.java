package dev.scry.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

/**
 * The gateway's hand-written frames decode, through Avatica's own reader, to exactly what Avatica's
 * writer gives for the same frame: every value type, NULLs, arrays (with NULL elements, empty, nested),
 * and the rest of each response (signature, flags, metadata) untouched.
 */
class FrameWritingTranslationTest {
  private final ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();
  private final FrameWritingTranslation scry = new FrameWritingTranslation(avatica);
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
        "x".repeat(200) + "é",
        "unpaired \uD800 surrogate",
        true,
        false,
        new BigDecimal("-12345.678901234567890"),
        new Date(86_400_000L * 19_000),
        new Time(3_600_000L * 5),
        new Timestamp(1_700_000_000_123L),
        new byte[] {0, 1, (byte) 255},
        'c',
        Arrays.asList(1L, null, 3L),
        List.of(),
        Arrays.asList((Object) null),
        List.of("p", "q"),
        List.of(List.of(1, 2), List.of(3)),
        List.of(1.5, -0.0),
        List.of(true, false));
  }

  private static Meta.Frame frame(long offset, boolean done) {
    List<Object> values = everyType();
    List<Object> rows = new ArrayList<>();
    rows.add(values.toArray());
    rows.add(values);
    rows.add(null);
    List<Object> reversed = new ArrayList<>(values);
    Collections.reverse(reversed);
    rows.add(reversed.toArray());
    for (int i = 0; i < 200; i++) {
      rows.add(new Object[] {(long) i, "row " + i, i * 0.5, i % 3 == 0 ? null : i});
    }
    return new Meta.Frame(offset, done, rows);
  }

  @Test
  void fetchResponseDecodesAsAvaticasOwn() throws Exception {
    for (Meta.Frame frame : List.of(frame(0, false), frame(5_000, true), Meta.Frame.EMPTY)) {
      Service.FetchResponse response = new Service.FetchResponse(frame, false, true, metadata);
      byte[] ours = scry.serializeResponse(response);
      Service.FetchResponse decoded = (Service.FetchResponse) avatica.parseResponse(ours);
      Service.FetchResponse expected =
          (Service.FetchResponse) avatica.parseResponse(avatica.serializeResponse(response));
      assertFrameEquals(expected.frame, decoded.frame);
      assertEquals(expected.missingResults, decoded.missingResults);
      assertEquals(expected.missingStatement, decoded.missingStatement);
      assertEquals(expected.rpcMetadata, decoded.rpcMetadata);
    }
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
    Service.ExecuteResponse execute =
        new Service.ExecuteResponse(List.of(withRows, update), false, metadata);

    Service.ExecuteResponse decoded =
        (Service.ExecuteResponse) avatica.parseResponse(scry.serializeResponse(execute));
    Service.ExecuteResponse expected =
        (Service.ExecuteResponse) avatica.parseResponse(avatica.serializeResponse(execute));
    assertEquals(2, decoded.results.size());
    assertEquals(expected.rpcMetadata, decoded.rpcMetadata);
    for (int i = 0; i < 2; i++) {
      Service.ResultSetResponse want = expected.results.get(i);
      Service.ResultSetResponse got = decoded.results.get(i);
      assertEquals(want.connectionId, got.connectionId);
      assertEquals(want.statementId, got.statementId);
      assertEquals(want.ownStatement, got.ownStatement);
      assertEquals(want.signature, got.signature);
      assertEquals(want.updateCount, got.updateCount);
      assertFrameEquals(want.firstFrame, got.firstFrame);
    }

    Service.ResultSetResponse alone =
        (Service.ResultSetResponse) avatica.parseResponse(scry.serializeResponse(withRows));
    assertEquals(signature, alone.signature);
    assertFrameEquals(expected.results.get(0).firstFrame, alone.firstFrame);
  }

  @Test
  void valuesAreWrittenOnceWithoutTheDeprecatedCopy() throws Exception {
    Meta.Frame frame = frame(0, true);
    Service.FetchResponse response = new Service.FetchResponse(frame, false, false, metadata);
    byte[] ours = scry.serializeResponse(response);
    byte[] theirs = avatica.serializeResponse(response);
    Common.Frame proto =
        Responses.FetchResponse.parseFrom(Common.WireMessage.parseFrom(ours).getWrappedMessage())
            .getFrame();
    for (Common.Row row : proto.getRowsList()) {
      for (Common.ColumnValue column : row.getValueList()) {
        assertEquals(0, column.getValueCount(), "no deprecated repeated value");
        assertTrue(column.hasScalarValue() || column.getHasArrayValue());
      }
    }
    assertTrue(
        ours.length < theirs.length * 0.7,
        ours.length + " bytes against Avatica's " + theirs.length);
  }

  @Test
  void otherResponsesAreAvaticasBytes() throws Exception {
    Service.FetchResponse noFrame = new Service.FetchResponse(null, true, false, metadata);
    assertArrayEquals(avatica.serializeResponse(noFrame), scry.serializeResponse(noFrame));
    Service.CloseStatementResponse close = new Service.CloseStatementResponse(metadata);
    assertArrayEquals(avatica.serializeResponse(close), scry.serializeResponse(close));
  }

  /** Frames compare by value; arrays (byte[]) by content. */
  private static void assertFrameEquals(Meta.Frame expected, Meta.Frame actual) {
    if (expected == null) {
      assertEquals(null, actual, "no frame");
      return;
    }
    assertEquals(expected.offset, actual.offset);
    assertEquals(expected.done, actual.done);
    List<Object> want = new ArrayList<>();
    expected.rows.forEach(want::add);
    List<Object> got = new ArrayList<>();
    actual.rows.forEach(got::add);
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(text(want.get(i)), text(got.get(i)), "row " + i);
    }
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return "bytes" + Arrays.toString(bytes);
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object element : list) {
        out.append(text(element))
            .append(element == null ? "" : "@" + element.getClass().getSimpleName())
            .append(',');
      }
      return out.append(']').toString();
    }
    return String.valueOf(value) + (value == null ? "" : "@" + value.getClass().getSimpleName());
  }
}
