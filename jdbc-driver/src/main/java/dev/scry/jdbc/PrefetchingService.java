package dev.scry.jdbc;

import dev.scry.wire.WireProtocol;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.RemoteProtobufService;

/**
 * Avatica's remote protobuf service that asks for a result's next frame while the client decodes and
 * the application reads the current one. Avatica's client fetches a frame only when it has used up
 * the last, and the gateway produces one only when asked, so the gateway's work on a frame and the
 * client's on the previous one never overlapped.
 *
 * <p>At most one frame ahead per statement: as soon as a fetch's response bytes arrive, and before
 * they are decoded, their frame's header ({@link FetchedFrameHeader}) tells whether more rows follow;
 * if so, the fetch of the next offset, with the same frame size, is sent in the background and its
 * bytes kept. The client's own fetch of that offset takes them (or the failure to get them, thrown as
 * if the fetch had just been made) and decodes them on its own thread. Any other request on that
 * statement (a fetch elsewhere, an execute, a close, a sync) first waits for the prefetch and drops it,
 * so the gateway still sees each statement's requests in order. The gateway's cancel (a
 * {@code SyncResultsRequest} marked {@link WireProtocol#CANCEL_STATEMENT}) never waits: it must reach a
 * running execution. Closing the connection waits for every prefetch. Not after an execute: its first
 * frame's size is not the client's fetch size, and a guess would change the frames the gateway sends.
 */
final class PrefetchingService extends RemoteProtobufService {
  /** Daemon threads shared by all connections; an idle one ends after a minute. */
  private static final ExecutorService BACKGROUND =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          runnable -> {
            Thread thread = new Thread(runnable, "scry-jdbc-prefetch");
            thread.setDaemon(true);
            return thread;
          });

  private final AvaticaHttpClient client;
  private final ProtobufTranslation translation;

  /** The fetch sent ahead, per statement id. */
  private final Map<Integer, Prefetch> ahead = new ConcurrentHashMap<>();

  PrefetchingService(AvaticaHttpClient client, ProtobufTranslation translation) {
    super(client, translation);
    this.client = Objects.requireNonNull(client, "client");
    this.translation = Objects.requireNonNull(translation, "translation");
  }

  @Override
  public Response _apply(Request request) {
    if (request instanceof FetchRequest fetch) {
      Prefetch prefetch = ahead.remove(fetch.statementId);
      byte[] bytes;
      if (prefetch != null
          && prefetch.request().offset == fetch.offset
          && prefetch.request().connectionId.equals(fetch.connectionId)) {
        bytes = prefetch.bytes();
      } else {
        dropQuietly(prefetch);
        bytes = send(fetch);
      }
      fetchAfter(fetch, FetchedFrameHeader.of(bytes));
      return parse(bytes);
    }
    if (request instanceof CloseConnectionRequest) {
      ahead.keySet().forEach(statement -> dropQuietly(ahead.remove(statement)));
    } else {
      Integer statement = statementOf(request);
      if (statement != null) {
        dropQuietly(ahead.remove(statement));
      }
    }
    return super._apply(request);
  }

  /** Sends, in the background, the fetch of the frame after the one {@code fetch} brought, unless it was the last. */
  private void fetchAfter(FetchRequest fetch, FetchedFrameHeader header) {
    if (header == null || header.done() || header.rows() == 0) {
      return;
    }
    FetchRequest next =
        new FetchRequest(
            fetch.connectionId,
            fetch.statementId,
            fetch.offset + header.rows(),
            fetch.fetchMaxRowCount);
    CompletableFuture<byte[]> bytes = CompletableFuture.supplyAsync(() -> send(next), BACKGROUND);
    dropQuietly(ahead.put(fetch.statementId, new Prefetch(next, bytes)));
  }

  /** The request sent and its response's bytes, as Avatica's {@code _apply} does it. */
  private byte[] send(Request request) {
    try {
      return client.send(translation.serializeRequest(request));
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  /** The response in {@code bytes}, an error response thrown, as Avatica's {@code _apply} does it. */
  private Response parse(byte[] bytes) {
    Response response;
    try {
      response = translation.parseResponse(bytes);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
    if (response instanceof ErrorResponse error) {
      throw error.toException();
    }
    return response;
  }

  /** The statement whose results {@code request} reads or replaces; null for other requests and the cancel. */
  private static Integer statementOf(Request request) {
    if (request instanceof ExecuteRequest execute) {
      return execute.statementHandle.id;
    }
    if (request instanceof PrepareAndExecuteRequest execute) {
      return execute.statementId;
    }
    if (request instanceof ExecuteBatchRequest batch) {
      return batch.statementId;
    }
    if (request instanceof PrepareAndExecuteBatchRequest batch) {
      return batch.statementId;
    }
    if (request instanceof CloseStatementRequest close) {
      return close.statementId;
    }
    if (request instanceof SyncResultsRequest sync
        && !(sync.state != null && WireProtocol.CANCEL_STATEMENT.equals(sync.state.sql))) {
      return sync.statementId;
    }
    return null;
  }

  private static void dropQuietly(Prefetch prefetch) {
    if (prefetch != null) {
      prefetch.response().exceptionally(failure -> null).join();
    }
  }

  /** A fetch sent ahead and its pending response bytes. */
  private record Prefetch(FetchRequest request, CompletableFuture<byte[]> response) {

    Prefetch {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(response, "response");
    }

    /** The response bytes, or the failure to get them rethrown on the caller's thread. */
    byte[] bytes() {
      try {
        return response.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }
  }
}
