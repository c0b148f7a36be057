package dev.scry.gateway.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.server.Request;

/**
 * Serves Avatica's protobuf protocol over HTTP, in place of Avatica's {@code AvaticaProtobufHandler}:
 * the same request handling (POST only, one protobuf request in the body, the protobuf response or
 * Avatica's error response out) with {@link FrameWritingTranslation} underneath, which Avatica's
 * handler cannot take (it builds its own translation). The body arrives already read by
 * {@link ScryHttpHandler}. Avatica's impersonation (doAs) is not used by Scry, so it is not here.
 */
final class ScryProtobufHandler {
  private final Service service;
  private final ProtobufHandler handler;

  ScryProtobufHandler(Service service) {
    this.service = Objects.requireNonNull(service, "service");
    this.handler =
        new ProtobufHandler(
            service,
            new FrameWritingTranslation(new ProtobufTranslationImpl()),
            NoopMetricsSystem.getInstance());
  }

  void handle(Request baseRequest, String method, byte[] body, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    if (!"POST".equals(method)) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response
          .getOutputStream()
          .write("This server expects only POST calls.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    HandlerResponse<byte[]> answer;
    try {
      answer = handler.apply(body);
    } catch (RuntimeException e) {
      // apply turns failures into error responses itself; this is the last line for anything else.
      answer = handler.convertToErrorResponse(e);
    }
    response.setContentType("application/octet-stream;charset=utf-8");
    response.setStatus(answer.getStatusCode());
    response.getOutputStream().write(answer.getResponse());
  }

  /** Answers with the error response for {@code error} instead of serving the request. */
  void refuse(Request baseRequest, Exception error, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    HandlerResponse<byte[]> answer = handler.convertToErrorResponse(error);
    response.setContentType("application/octet-stream;charset=utf-8");
    response.setStatus(answer.getStatusCode());
    response.getOutputStream().write(answer.getResponse());
  }

  /** The server address sent with every response, as Avatica's handler sets it. */
  void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    service.setRpcMetadata(metadata);
    handler.setRpcMetadata(metadata);
  }
}
