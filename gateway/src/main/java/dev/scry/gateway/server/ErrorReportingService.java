package dev.scry.gateway.server;

import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.avatica.remote.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Error} thrown while serving a request (a StackOverflowError on a deeply nested
 * expression, an OutOfMemoryError, a NoClassDefFoundError or ExceptionInInitializerError from a broken
 * class) into an exception that names it. Avatica's handlers turn exceptions into an error response the
 * client reads as an SQLException, but let an Error escape to Jetty, which answers with an HTML page
 * the client cannot parse. The Error is logged with its stack trace; the gateway keeps serving.
 */
public final class ErrorReportingService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReportingService.class);

  private final Service delegate;

  public ErrorReportingService(Service delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The exception that stands for {@code error} in the client's error response. */
  static IllegalStateException reported(Error error, Object request) {
    String what = request.getClass().getSimpleName();
    String message = error.getMessage() == null ? "" : ": " + error.getMessage();
    String hint = error instanceof StackOverflowError
        ? " (the statement is nested too deeply; simplify it)"
        : error instanceof OutOfMemoryError ? " (the gateway ran out of memory; fetch fewer rows at once"
            + " or give the gateway more heap)" : "";
    return new IllegalStateException("The gateway failed with " + error.getClass().getName() + message
        + " while serving " + what + hint, error);
  }

  private static <R> R guarded(Object request, Supplier<R> call) {
    try {
      return call.get();
    } catch (Error error) {
      // Logged first: for an OutOfMemoryError, building the response may itself fail.
      LOG.error("{} while serving {}", error.getClass().getName(), request.getClass().getSimpleName(), error);
      throw reported(error, request);
    }
  }

  @Override
  public ResultSetResponse apply(CatalogsRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(SchemasRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(TablesRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(TableTypesRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(TypeInfoRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(ColumnsRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public PrepareResponse apply(PrepareRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public SyncResultsResponse apply(SyncResultsRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public FetchResponse apply(FetchRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public CreateStatementResponse apply(CreateStatementRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public CloseStatementResponse apply(CloseStatementRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public OpenConnectionResponse apply(OpenConnectionRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public CloseConnectionResponse apply(CloseConnectionRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public CommitResponse apply(CommitRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public RollbackResponse apply(RollbackRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
    return guarded(request, () -> delegate.apply(request));
  }

  @Override
  public void setRpcMetadata(RpcMetadataResponse metadata) {
    delegate.setRpcMetadata(metadata);
  }
}
