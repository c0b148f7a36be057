package dev.scry.gateway.server;

import dev.scry.gateway.error.ErrorReporter;
import dev.scry.gateway.error.ReportedError;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.calcite.avatica.remote.Service;

/**
 * The last line of defence between the gateway and its clients: whatever a request throws (an
 * exception, or an {@link Error} such as a StackOverflowError on a deeply nested expression) reaches
 * the client as one {@link ReportedError}, with a SQLSTATE and a sentence, and the cause chain goes to
 * the log. Avatica's handlers would otherwise send the exception's class names and causes to the
 * client, and let an Error escape to Jetty, which answers with an HTML page the client cannot parse.
 * The gateway keeps serving. Statement errors arrive here already reported by {@link
 * dev.scry.gateway.avatica.ScryMeta} under their statement's id and pass through unchanged.
 */
public final class ErrorReportingService implements Service {
  private final Service delegate;
  private final ErrorReporter reporter;

  public ErrorReportingService(Service delegate, ErrorReporter reporter) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  private <R> R guarded(Supplier<R> call) {
    try {
      return call.get();
    } catch (Throwable failure) {
      // Throwable: Scala code (Spark) throws checked exceptions undeclared, and Errors must not
      // reach Jetty.
      throw reporter.report(failure);
    }
  }

  @Override
  public ResultSetResponse apply(CatalogsRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(SchemasRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(TablesRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(TableTypesRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(TypeInfoRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(ColumnsRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public PrepareResponse apply(PrepareRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public SyncResultsResponse apply(SyncResultsRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public FetchResponse apply(FetchRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public CreateStatementResponse apply(CreateStatementRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public CloseStatementResponse apply(CloseStatementRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public OpenConnectionResponse apply(OpenConnectionRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public CloseConnectionResponse apply(CloseConnectionRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public CommitResponse apply(CommitRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public RollbackResponse apply(RollbackRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
    return guarded(() -> delegate.apply(request));
  }

  @Override
  public void setRpcMetadata(RpcMetadataResponse metadata) {
    delegate.setRpcMetadata(metadata);
  }
}
