package dev.scry.gateway.server;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The gateway's one HTTP handler. {@code GET /health}, {@code /health/live} and {@code /health/ready}
 * answer load balancers and orchestrators without credentials; {@code /metrics} serves Prometheus
 * (authenticated unless configured open); every other request must pass HTTP Basic when authentication is on (else 401 with the Basic
 * challenge), and is then handed to the protobuf handler ({@link ScryProtobufHandler}) or Avatica's JSON handler. Both serializations share the
 * port: Avatica's client sends both as {@code application/octet-stream}, so the body decides — a JSON
 * request is an object (its first non-blank byte is '{'), a protobuf {@code WireMessage} starts with
 * the tag of its field 1 (0x0A).
 */
public final class ScryHttpHandler extends AbstractHandler {
  static final String HEALTH_PATH = "/health";
  static final String LIVENESS_PATH = "/health/live";
  static final String READINESS_PATH = "/health/ready";
  static final String METRICS_PATH = "/metrics";
  private static final String CHALLENGE = "Basic realm=\"Scry\", charset=\"UTF-8\"";

  private final ScryProtobufHandler protobuf;
  private final AvaticaJsonHandler json;
  private final JsonHandler jsonErrors;
  private final Optional<BasicAuthenticator> authenticator;
  private final HealthReport health;
  private final ErrorReporter errors;
  private final MetricsSource metrics;
  private final boolean metricsOpen;

  ScryHttpHandler(
      ScryProtobufHandler protobuf,
      AvaticaJsonHandler json,
      JsonHandler jsonErrors,
      Optional<BasicAuthenticator> authenticator,
      HealthReport health,
      ErrorReporter errors,
      MetricsSource metrics,
      boolean metricsOpen) {
    this.protobuf = Objects.requireNonNull(protobuf, "protobuf");
    this.json = Objects.requireNonNull(json, "json");
    this.jsonErrors = Objects.requireNonNull(jsonErrors, "jsonErrors");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.health = Objects.requireNonNull(health, "health");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.metricsOpen = metricsOpen;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (HEALTH_PATH.equals(target)) {
      writeHealth(response);
      baseRequest.setHandled(true);
      return;
    }
    if (LIVENESS_PATH.equals(target)) {
      writeJson(response, HttpServletResponse.SC_OK, "{\"status\":\"UP\"}\n");
      baseRequest.setHandled(true);
      return;
    }
    if (READINESS_PATH.equals(target)) {
      boolean ready = health.ready();
      writeJson(
          response,
          ready ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          ready ? "{\"status\":\"READY\"}\n" : "{\"status\":\"NOT_READY\"}\n");
      baseRequest.setHandled(true);
      return;
    }
    if (METRICS_PATH.equals(target)) {
      serveMetrics(baseRequest, request, response);
      return;
    }
    String user = RequestUser.ANONYMOUS;
    if (authenticator.isPresent()) {
      String credentials = request.getHeader("Authorization");
      Optional<String> authenticated = authenticator.get().authenticate(credentials);
      if (authenticated.isEmpty() && credentials != null) {
        refuse(baseRequest, request, response);
        return;
      }
      if (authenticated.isEmpty()) {
        challenge(baseRequest, response);
        return;
      }
      user = authenticated.get();
    }
    byte[] body = request.getInputStream().readAllBytes();
    HttpServletRequest replay = new BufferedBodyRequest(request, body);
    RequestUser.set(user);
    try {
      if (isJson(request, body)) {
        json.handle(target, baseRequest, replay, response);
      } else {
        protobuf.handle(baseRequest, request.getMethod(), body, response);
      }
    } finally {
      RequestUser.clear();
      // Flushed first: Jetty counts bytes as they leave, and the handlers leave theirs buffered.
      response.flushBuffer();
      metrics.responseBytes(baseRequest.getResponse().getHttpChannel().getBytesWritten());
    }
  }

  /**
   * Prometheus' text format, behind the same Basic authentication as JDBC unless configured open
   * ({@code server.metrics.open}); wrong or missing credentials get the 401 challenge, as scrapers
   * expect.
   */
  private void serveMetrics(
      Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!metricsOpen
        && authenticator.isPresent()
        && authenticator.get().authenticate(request.getHeader("Authorization")).isEmpty()) {
      challenge(baseRequest, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.getOutputStream().write(metrics.scrape().getBytes(StandardCharsets.UTF_8));
    baseRequest.setHandled(true);
  }

  private static void challenge(Request baseRequest, HttpServletResponse response)
      throws IOException {
    response.setHeader("WWW-Authenticate", CHALLENGE);
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("text/plain;charset=utf-8");
    response
        .getOutputStream()
        .write(
            "Authentication required: a valid user and password\n"
                .getBytes(StandardCharsets.UTF_8));
    baseRequest.setHandled(true);
  }

  private static void writeJson(HttpServletResponse response, int status, String text)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Credentials were sent and are wrong: answered as an Avatica error response (SQLSTATE 28000) in the
   * request's serialization, which any Avatica client turns into an SQLException with that state. A
   * 401 would only reach the client as "HTTP/401" without a state; the challenge (401) stays for
   * requests without credentials, as HTTP clients need it to send theirs.
   */
  private void refuse(Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    ScryException refused =
        new ScryException(
            ErrorCode.AUTHENTICATION,
            "The gateway refused the credentials: the" + " user name or password is wrong");
    Exception error = errors.report(refused);
    if (isJson(request, body)) {
      HandlerResponse<String> answer = jsonErrors.convertToErrorResponse(error);
      response.setContentType("application/json;charset=utf-8");
      response.setStatus(answer.getStatusCode());
      response.getOutputStream().write(answer.getResponse().getBytes(StandardCharsets.UTF_8));
      baseRequest.setHandled(true);
    } else {
      protobuf.refuse(baseRequest, error, response);
    }
  }

  static boolean isJson(HttpServletRequest request, byte[] body) {
    String contentType = request.getContentType();
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return true;
    }
    if (body.length == 0) {
      // Avatica's JSON handler also accepts the request in a header.
      return request.getHeader("request") != null;
    }
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '{';
      }
    }
    return false;
  }

  private void writeHealth(HttpServletResponse response) throws IOException {
    long usedHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    String text =
        "{\"status\":\"UP\",\"connections\":"
            + health.openConnections()
            + ",\"heapUsedBytes\":"
            + usedHeap
            + ",\"heapAfterLastGcBytes\":"
            + HeapAfterGc.bytes()
            + "}\n";
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json;charset=utf-8");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The request with its body read once here and replayed to the Avatica handler. */
  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body is already read");
        }
      };
    }
  }
}
