package dev.scry.gateway.flight;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.scry.gateway.session.Session;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.CancelResult;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Scry's Flight SQL producer: the protocol's calls as a thin adapter over the session core, as
 * {@code ScryMeta} is for Avatica. The caller's session is its peer identity ({@link FlightSessions});
 * statements go to {@link FlightStatements}, metadata commands to {@link FlightCatalog}. Every failure
 * leaves as a Flight status with the gateway's sentence and SQLSTATE ({@link FlightErrors}).
 */
final class ScryFlightSqlProducer implements FlightSqlProducer {
  private final FlightSessions sessions;
  private final FlightStatements statements;
  private final FlightCatalog catalog;
  private final FlightErrors errors;
  private final Executor senders;

  /**
   * {@code senders} runs the sending of statement results: Flight calls {@code getStream} on the
   * call's gRPC thread, which is also the thread that tells a waiting sender the client is ready for
   * more, so a result sent there would wait out {@link ResultStream}'s timeout each time the
   * client's window filled.
   */
  ScryFlightSqlProducer(
      FlightSessions sessions,
      FlightStatements statements,
      FlightCatalog catalog,
      FlightErrors errors,
      Executor senders) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.statements = Objects.requireNonNull(statements, "statements");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.senders = Objects.requireNonNull(senders, "senders");
  }

  // ---- statements

  @Override
  public FlightInfo getFlightInfoStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return call(() -> statements.query(session(context), command.getQuery(), descriptor));
  }

  @Override
  public SchemaResult getSchemaStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return call(() -> new SchemaResult(statements.schema(session(context), command.getQuery())));
  }

  @Override
  public void getStreamStatement(
      TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
    Session session = session(listener, context);
    if (session != null) {
      sendLater(
          listener,
          () ->
              statements.stream(
                  session, EndpointTicket.parse(ticket.getStatementHandle()), listener));
    }
  }

  @Override
  public Runnable acceptPutStatement(
      CommandStatementUpdate command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () ->
        put(
            ackStream,
            () ->
                DoPutUpdateResult.newBuilder()
                    .setRecordCount(statements.update(session(context), command.getQuery()))
                    .build());
  }

  // ---- prepared statements

  @Override
  public void createPreparedStatement(
      ActionCreatePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    try {
      FlightStatements.Prepared prepared = statements.prepare(session(context), request.getQuery());
      ActionCreatePreparedStatementResult result =
          ActionCreatePreparedStatementResult.newBuilder()
              .setPreparedStatementHandle(prepared.handle().bytes())
              .setDatasetSchema(ByteString.copyFrom(ArrowTypes.serialize(prepared.resultSchema())))
              .setParameterSchema(
                  ByteString.copyFrom(ArrowTypes.serialize(prepared.parameterSchema())))
              .build();
      listener.onNext(new Result(Any.pack(result).toByteArray()));
      listener.onCompleted();
    } catch (Throwable e) {
      listener.onError(errors.toFlight(e));
    }
  }

  @Override
  public void closePreparedStatement(
      ActionClosePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    try {
      statements.close(
          session(context), StatementHandle.parse(request.getPreparedStatementHandle()));
      listener.onCompleted();
    } catch (Throwable e) {
      listener.onError(errors.toFlight(e));
    }
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return call(
        () ->
            statements.preparedQuery(
                session(context),
                StatementHandle.parse(command.getPreparedStatementHandle()),
                descriptor));
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return call(
        () ->
            new SchemaResult(
                statements.preparedSchema(
                    session(context),
                    StatementHandle.parse(command.getPreparedStatementHandle()))));
  }

  @Override
  public void getStreamPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, ServerStreamListener listener) {
    Session session = session(listener, context);
    if (session != null) {
      sendLater(
          listener,
          () ->
              statements.stream(
                  session,
                  EndpointTicket.whole(StatementHandle.parse(command.getPreparedStatementHandle())),
                  listener));
    }
  }

  @Override
  public Runnable acceptPutPreparedStatementQuery(
      CommandPreparedStatementQuery command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () ->
        put(
            ackStream,
            () -> {
              statements.bind(
                  session(context),
                  StatementHandle.parse(command.getPreparedStatementHandle()),
                  flightStream);
              // The handle stays the same: the bound values live with the session.
              return DoPutPreparedStatementResult.newBuilder()
                  .setPreparedStatementHandle(command.getPreparedStatementHandle())
                  .build();
            });
  }

  @Override
  public Runnable acceptPutPreparedStatementUpdate(
      CommandPreparedStatementUpdate command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () ->
        put(
            ackStream,
            () ->
                DoPutUpdateResult.newBuilder()
                    .setRecordCount(
                        statements.preparedUpdate(
                            session(context),
                            StatementHandle.parse(command.getPreparedStatementHandle()),
                            flightStream))
                    .build());
  }

  // ---- cancel and sessions

  @Override
  public void cancelFlightInfo(
      CancelFlightInfoRequest request, CallContext context, StreamListener<CancelStatus> listener) {
    try {
      listener.onNext(
          cancel(request.getInfo(), context)
              ? CancelStatus.CANCELLED
              : CancelStatus.NOT_CANCELLABLE);
      listener.onCompleted();
    } catch (Throwable e) {
      listener.onError(errors.toFlight(e));
    }
  }

  @SuppressWarnings("deprecation")
  @Override
  public void cancelQuery(
      FlightInfo info, CallContext context, StreamListener<CancelResult> listener) {
    try {
      listener.onNext(
          cancel(info, context) ? CancelResult.CANCELLED : CancelResult.NOT_CANCELLABLE);
      listener.onCompleted();
    } catch (Throwable e) {
      listener.onError(errors.toFlight(e));
    }
  }

  @Override
  public void closeSession(
      CloseSessionRequest request,
      CallContext context,
      StreamListener<CloseSessionResult> listener) {
    sessions.close(context.peerIdentity());
    listener.onNext(new CloseSessionResult(CloseSessionResult.Status.CLOSED));
    listener.onCompleted();
  }

  // ---- metadata

  @Override
  public FlightInfo getFlightInfoSqlInfo(
      CommandGetSqlInfo request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_SQL_INFO_SCHEMA);
  }

  @Override
  public void getStreamSqlInfo(
      CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.sqlInfo(command, listener));
  }

  @Override
  public FlightInfo getFlightInfoTypeInfo(
      CommandGetXdbcTypeInfo request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_TYPE_INFO_SCHEMA);
  }

  @Override
  public void getStreamTypeInfo(
      CommandGetXdbcTypeInfo request, CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.typeInfo(request, listener));
  }

  @Override
  public FlightInfo getFlightInfoCatalogs(
      CommandGetCatalogs request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_CATALOGS_SCHEMA);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.catalogs(listener));
  }

  @Override
  public FlightInfo getFlightInfoSchemas(
      CommandGetDbSchemas request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_SCHEMAS_SCHEMA);
  }

  @Override
  public void getStreamSchemas(
      CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.schemas(command, listener));
  }

  @Override
  public FlightInfo getFlightInfoTables(
      CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
    return info(
        request,
        context,
        descriptor,
        request.getIncludeSchema()
            ? Schemas.GET_TABLES_SCHEMA
            : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA);
  }

  @Override
  public void getStreamTables(
      CommandGetTables command, CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.tables(command, listener));
  }

  @Override
  public FlightInfo getFlightInfoTableTypes(
      CommandGetTableTypes request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_TABLE_TYPES_SCHEMA);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.tableTypes(listener));
  }

  @Override
  public FlightInfo getFlightInfoPrimaryKeys(
      CommandGetPrimaryKeys request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_PRIMARY_KEYS_SCHEMA);
  }

  @Override
  public void getStreamPrimaryKeys(
      CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.noKeys(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener));
  }

  @Override
  public FlightInfo getFlightInfoExportedKeys(
      CommandGetExportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_EXPORTED_KEYS_SCHEMA);
  }

  @Override
  public void getStreamExportedKeys(
      CommandGetExportedKeys command, CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.noKeys(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener));
  }

  @Override
  public FlightInfo getFlightInfoImportedKeys(
      CommandGetImportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_IMPORTED_KEYS_SCHEMA);
  }

  @Override
  public void getStreamImportedKeys(
      CommandGetImportedKeys command, CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.noKeys(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener));
  }

  @Override
  public FlightInfo getFlightInfoCrossReference(
      CommandGetCrossReference request, CallContext context, FlightDescriptor descriptor) {
    return info(request, context, descriptor, Schemas.GET_CROSS_REFERENCE_SCHEMA);
  }

  @Override
  public void getStreamCrossReference(
      CommandGetCrossReference command, CallContext context, ServerStreamListener listener) {
    metadata(context, listener, () -> catalog.noKeys(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener));
  }

  // ---- not served

  @Override
  public void listFlights(
      CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
    listener.onError(
        CallStatus.UNIMPLEMENTED
            .withDescription("Scry lists no flights: send Flight SQL commands")
            .toRuntimeException());
  }

  @Override
  public void close() {
    // The server owns the allocator and the sessions; nothing is held here.
  }

  // ---- helpers

  private Session session(CallContext context) {
    return sessions.session(context.peerIdentity());
  }

  /** A metadata command's FlightInfo: one endpoint whose ticket is the command itself. */
  private FlightInfo info(
      Message command, CallContext context, FlightDescriptor descriptor, Schema schema) {
    return call(
        () -> {
          session(context);
          return new FlightInfo(
              schema,
              descriptor,
              List.of(new FlightEndpoint(new Ticket(Any.pack(command).toByteArray()))),
              -1,
              -1);
        });
  }

  /** A metadata answer: small, so sent on the call's own thread. */
  private void metadata(CallContext context, ServerStreamListener listener, Runnable answer) {
    if (session(listener, context) == null) {
      return;
    }
    try {
      answer.run();
    } catch (Throwable e) {
      listener.error(errors.toFlight(e));
    }
  }

  private boolean cancel(FlightInfo info, CallContext context) {
    Session session = session(context);
    boolean cancelled = false;
    for (FlightEndpoint endpoint : info.getEndpoints()) {
      cancelled |= statements.cancel(session, endpoint.getTicket());
    }
    return cancelled;
  }

  private <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (Throwable e) {
      throw errors.toFlight(e);
    }
  }

  /** The caller's session, or null once {@code listener} has been told why there is none. */
  private Session session(ServerStreamListener listener, CallContext context) {
    try {
      return session(context);
    } catch (Throwable e) {
      listener.error(errors.toFlight(e));
      return null;
    }
  }

  /** Runs {@code work} on a sender thread (see the constructor); its failure goes to the client. */
  private void sendLater(ServerStreamListener listener, Runnable work) {
    try {
      senders.execute(
          () -> {
            try {
              work.run();
            } catch (Throwable e) {
              listener.error(errors.toFlight(e));
            }
          });
    } catch (RejectedExecutionException e) {
      listener.error(
          CallStatus.UNAVAILABLE.withDescription("The gateway is stopping").toRuntimeException());
    }
  }

  private void put(StreamListener<PutResult> ackStream, Supplier<Message> work) {
    try {
      try (PutResult result = statements.putResult(work.get())) {
        ackStream.onNext(result);
      }
      ackStream.onCompleted();
    } catch (Throwable e) {
      ackStream.onError(errors.toFlight(e));
    }
  }
}
