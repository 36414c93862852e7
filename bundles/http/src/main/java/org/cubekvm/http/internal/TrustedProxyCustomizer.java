package org.cubekvm.http.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * When a request comes from a trusted reverse proxy, the client address is the last address of its
 * {@code X-Forwarded-For} (the one that proxy added; earlier ones are whatever the client sent and
 * are not trusted), so {@code getRemoteAddr()} everywhere (login limits, logs) names the client.
 * From any other address forwarded headers are ignored. No trusted proxy is configured by default.
 */
final class TrustedProxyCustomizer implements HttpConfiguration.Customizer {
    private volatile HttpLimits limits;

    TrustedProxyCustomizer(HttpLimits limits) {
        this.limits = limits;
    }

    void limits(HttpLimits changed) {
        limits = changed;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (limits.trustedProxies().isEmpty()) {
            return request;
        }
        SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(peer instanceof InetSocketAddress inet) || !limits.trustedProxies().contains(inet.getAddress())) {
            return request;
        }
        InetAddress client = lastForwardedFor(request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR));
        if (client == null) {
            return request;
        }
        InetSocketAddress forwarded = new InetSocketAddress(client, inet.getPort());
        ConnectionMetaData metaData = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
            @Override
            public SocketAddress getRemoteSocketAddress() {
                return forwarded;
            }
        };
        return new Request.Wrapper(request) {
            @Override
            public ConnectionMetaData getConnectionMetaData() {
                return metaData;
            }
        };
    }

    /** The last address of the headers' comma-separated lists, or null when it is not an IP literal. */
    static InetAddress lastForwardedFor(java.util.List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String list = values.get(values.size() - 1);
        return IpLiterals.parse(list.substring(list.lastIndexOf(',') + 1));
    }
}
