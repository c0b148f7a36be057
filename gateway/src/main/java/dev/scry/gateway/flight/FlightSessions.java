package dev.scry.gateway.flight;

import dev.scry.gateway.server.BasicAuthenticator;
import dev.scry.gateway.server.RequestUser;
import dev.scry.gateway.session.Session;
import dev.scry.gateway.session.SessionManager;
import dev.scry.planner.ErrorCode;
import dev.scry.planner.ScryException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Flight SQL has no connections: a client is known by the token it got when it first called. Each
 * token stands for one {@link Session} of the session core (the connection limit, idle expiry and user
 * are the core's). Basic credentials (the handshake of the Flight SQL JDBC driver and ADBC) open a
 * session and are answered with a bearer token; with {@code auth: none} a call without a token opens an
 * anonymous session too. The token comes back as a bearer header and as a cookie, for clients that keep
 * one or the other. The call's peer identity is the session id, which the statement log shows.
 */
final class FlightSessions implements CallHeaderAuthenticator {
  static final String COOKIE = "scry_session";
  private static final String BEARER = Auth2Constants.BEARER_PREFIX;
  private static final String BASIC = Auth2Constants.BASIC_PREFIX;

  private final SessionManager sessions;
  private final Optional<BasicAuthenticator> authenticator;
  private final FlightErrors errors;
  private final Map<String, String> sessionByToken = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  FlightSessions(
      SessionManager sessions, Optional<BasicAuthenticator> authenticator, FlightErrors errors) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  @Override
  public AuthResult authenticate(CallHeaders headers) {
    String authorization = headers.get(Auth2Constants.AUTHORIZATION_HEADER);
    if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return open(userOf(authorization));
    }
    String token = token(authorization, headers.get("cookie"));
    if (token != null) {
      String sessionId = sessionByToken.get(token);
      if (sessionId == null) {
        throw refused(
            "The gateway does not know this session token (it expired or the gateway restarted);"
                + " connect again");
      }
      return () -> sessionId;
    }
    if (authenticator.isPresent()) {
      throw refused(
          "The gateway needs a user name and password (Basic authentication in the Flight"
              + " handshake)");
    }
    return open(RequestUser.ANONYMOUS);
  }

  /** The session a call authenticated as (its peer identity); an 08003 error once it is gone. */
  Session session(String peerIdentity) {
    return sessions.session(peerIdentity);
  }

  /** Ends the session (Flight SQL's CloseSession); its token stops working. */
  void close(String peerIdentity) {
    sessionByToken.values().removeIf(peerIdentity::equals);
    sessions.close(peerIdentity);
  }

  private String userOf(String authorization) {
    if (authenticator.isEmpty()) {
      // As over HTTP: without configured users, credentials are not checked.
      return RequestUser.ANONYMOUS;
    }
    return authenticator
        .get()
        .authenticate(authorization)
        .orElseThrow(
            () ->
                refused("The gateway refused the credentials: the user name or password is wrong"));
  }

  private AuthResult open(String user) {
    // Tokens of sessions closed or expired since are dropped here, so the map stays as large as the
    // sessions.
    sessionByToken.values().removeIf(id -> sessions.find(id) == null);
    Session session;
    try {
      session = sessions.open(Session.FLIGHT_ID_PREFIX + UUID.randomUUID(), user, null);
    } catch (RuntimeException e) {
      throw errors.toFlight(e);
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessionByToken.put(token, session.id());
    return new AuthResult() {
      @Override
      public String getPeerIdentity() {
        return session.id();
      }

      @Override
      public void appendToOutgoingHeaders(CallHeaders outgoing) {
        outgoing.insert(Auth2Constants.AUTHORIZATION_HEADER, BEARER + token);
        outgoing.insert("set-cookie", COOKIE + "=" + token);
      }
    };
  }

  private static String token(String authorization, String cookies) {
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    if (cookies != null) {
      for (String cookie : cookies.split(";")) {
        String trimmed = cookie.trim();
        if (trimmed.startsWith(COOKIE + "=")) {
          return trimmed.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  private RuntimeException refused(String sentence) {
    return errors.toFlight(new ScryException(ErrorCode.AUTHENTICATION, sentence));
  }
}
