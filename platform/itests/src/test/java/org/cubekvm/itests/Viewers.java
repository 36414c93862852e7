package org.cubekvm.itests;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.testsupport.Await;

/** Viewers that count frames in the background: MJPEG over HTTP, H.264 over the WebSocket. */
final class Viewers implements AutoCloseable {
    /** One viewer's frame count and, if its stream ended or broke, why. */
    static final class Viewer {
        final String name;
        final AtomicLong frames = new AtomicLong();
        final AtomicReference<String> ended = new AtomicReference<>();

        Viewer(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name + ": " + frames.get() + " frames" + (ended.get() == null ? "" : ", ended: " + ended.get());
        }
    }

    private final List<Viewer> viewers = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    List<Viewer> all() {
        return viewers;
    }

    void mjpeg(Http http, String name) {
        Viewer viewer = new Viewer(name);
        MultipartReader reader = new MultipartReader(http.openStream("/api/stream/mjpeg"));
        resources.add(reader);
        Thread thread = new Thread(() -> {
            try {
                while (reader.next() != null) {
                    viewer.frames.incrementAndGet();
                }
                viewer.ended.set("the stream ended");
            } catch (IOException e) {
                viewer.ended.set(e.toString());
            }
        }, "itest-viewer-" + name);
        thread.setDaemon(true);
        thread.start();
        viewers.add(viewer);
    }

    void h264(Http http, String name) throws Exception {
        Viewer viewer = new Viewer(name);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10)).header("Origin", http.origin());
        if (http.authorization() != null) {
            builder.header("Authorization", http.authorization());
        }
        WebSocket socket = builder.buildAsync(http.webSocketUri("/api/stream/h264"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                if (last) {
                    viewer.frames.incrementAndGet();
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                viewer.ended.set("closed " + statusCode + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                viewer.ended.set(error.toString());
            }
        }).get(30, TimeUnit.SECONDS);
        resources.add(() -> socket.abort());
        viewers.add(viewer);
    }

    /** Counts now, to compare later. */
    long[] counts() {
        return viewers.stream().mapToLong(v -> v.frames.get()).toArray();
    }

    /** Waits until every viewer has received more frames than {@code since}; fails naming one that stopped. */
    void awaitMoreThan(long[] since, String when) {
        try {
            Await.until(when + ": every viewer to get a new frame", Http.DEADLINE, () -> {
                boolean all = true;
                for (int i = 0; i < viewers.size(); i++) {
                    Viewer viewer = viewers.get(i);
                    if (viewer.ended.get() != null) {
                        throw new AssertionError(when + ": viewer " + viewer);
                    }
                    all &= viewer.frames.get() > since[i];
                }
                return all;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + viewers, e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing a finished stream
            }
        }
    }
}
