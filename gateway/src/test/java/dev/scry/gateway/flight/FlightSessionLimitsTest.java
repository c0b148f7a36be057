package dev.scry.gateway.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scry.gateway.RunningGateway;
import dev.scry.gateway.config.ScryConfig;
import dev.scry.gateway.session.StatementObserver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.client.ClientCookieMiddleware;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flight SQL sessions are the session core's: they count against the same {@code limits.max-connections}
 * as JDBC connections, and expire after the same idle timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSessionLimitsTest {
  private static final int IDLE_SECONDS = 2;

  @TempDir static Path work;

  private RunningGateway gateway;
  private BufferAllocator allocator;

  @BeforeAll
  void start() {
    gateway =
        RunningGateway.startWithFlight(
            work,
            config ->
                new ScryConfig(
                    config.server(),
                    config.storage(),
                    config.warehouse(),
                    config.spark(),
                    false,
                    new ScryConfig.LimitsConfig(2, null, IDLE_SECONDS, null, null)),
            StatementObserver.NONE);
    allocator = new RootAllocator();
  }

  @AfterAll
  void stop() {
    if (allocator != null) {
      allocator.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private FlightSqlClient client() {
    return new FlightSqlClient(
        FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", gateway.flightPort()))
            .intercept(new ClientCookieMiddleware.Factory())
            .build());
  }

  @Test
  void flightSessionsShareTheConnectionLimitAndExpireWhenIdle() throws Exception {
    try (FlightSqlClient first = client();
        FlightSqlClient second = client();
        FlightSqlClient third = client()) {
      first.execute("SELECT 1");
      second.execute("SELECT 1");
      FlightRuntimeException flightRefused =
          assertThrows(FlightRuntimeException.class, () -> third.execute("SELECT 1"));
      assertTrue(
          flightRefused.getMessage().contains("Too many connections"), flightRefused.getMessage());
      assertTrue(flightRefused.getMessage().contains("SQLSTATE 08004"), flightRefused.getMessage());
      SQLException jdbcRefused = assertThrows(SQLException.class, () -> gateway.connect().close());
      assertEquals("08004", jdbcRefused.getSQLState(), jdbcRefused.getMessage());

      // Past the idle timeout (the gateway checks a few times per timeout) both sessions are gone.
      Thread.sleep((IDLE_SECONDS + 2) * 1000L);
      FlightRuntimeException expired =
          assertThrows(FlightRuntimeException.class, () -> first.execute("SELECT 1"));
      assertTrue(expired.getMessage().contains("SQLSTATE 08003"), expired.getMessage());
      assertEquals(1, third.execute("SELECT 1").getEndpoints().size());
      try (Connection connection = gateway.connect()) {
        assertTrue(connection.isValid(5));
      }
    }
  }
}
