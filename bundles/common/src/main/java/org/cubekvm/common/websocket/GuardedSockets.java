package org.cubekvm.common.websocket;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The set-up every protected API WebSocket servlet shares: bounds on frames and messages, an idle
 * timeout, and a creator that checks the caller where the capability is used (401 when not
 * logged in, 403 without the role, whatever a filter in front decided) and closes the connection
 * (1008) when the session or token that opened it is revoked.
 */
public final class GuardedSockets {
    private GuardedSockets() {
    }

    /**
     * @param needed  the least role that may open the socket
     * @param refusal the 403 sentence, naming the capability and the role it needs
     * @param connect makes the connection for an allowed caller
     */
    public static void configure(JettyWebSocketServletFactory factory, Duration idleTimeout, int maxMessageBytes,
            AccessGuard guard, Role needed, String refusal, Supplier<? extends GuardedConnection> connect) {
        factory.setIdleTimeout(idleTimeout);
        factory.setMaxBinaryMessageSize(maxMessageBytes);
        factory.setMaxTextMessageSize(maxMessageBytes);
        factory.setMaxFrameSize(maxMessageBytes);
        factory.setCreator(creator(guard, needed, refusal, connect));
    }

    static JettyWebSocketCreator creator(AccessGuard guard, Role needed, String refusal,
            Supplier<? extends GuardedConnection> connect) {
        return (request, response) -> {
            if (!(request.getHttpServletRequest().getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE)
                    instanceof AuthenticatedUser user)) {
                refuse(response, 401, "Log in first");
                return null;
            }
            if (!user.role().includes(needed)) {
                refuse(response, 403, "Role " + user.role().id() + " " + refusal);
                return null;
            }
            GuardedConnection connection = connect.get();
            AccessGuard.Registration watch = guard.watch(user,
                    () -> connection.close(StatusCode.POLICY_VIOLATION, "The session or token was revoked"));
            connection.whenEnded(watch::close);
            return connection;
        };
    }

    private static void refuse(JettyServerUpgradeResponse response, int status, String message) {
        try {
            response.sendError(status, message);
        } catch (IOException ignored) {
            // the client is gone
        }
    }
}
