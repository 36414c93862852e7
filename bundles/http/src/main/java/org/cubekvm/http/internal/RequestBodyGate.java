package org.cubekvm.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cubekvm.api.rest.ApiError;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's body before anything else sees the request, without holding a thread while it
 * arrives: the body is collected from Jetty's non-blocking content source (a selector callback for
 * each piece), and the request goes to the servlets only once all of it is here. A body larger than
 * its endpoint's cap ({@link BodyLimits}) is 413 before a byte of it is read when its length is
 * declared, or as soon as it passes the cap when it is chunked; one that does not arrive in full
 * within the body timeout is 408 and its connection is closed; when the buffers for bodies
 * ({@link BodyBudget}) are all taken, 503. So a client that trickles a body a byte at a time costs a
 * socket and a few bytes, never one of Jetty's few threads, and a huge body costs nothing.
 * <p>
 * Requests without a body (GET, WebSocket upgrades) pass straight through, and so does the bundle
 * upload ({@link BodyLimits#STREAMED}), which its resource reads under its own cap after the guard
 * has checked the caller is an admin.
 */
final class RequestBodyGate extends Handler.Wrapper {
    private final BodyBudget budget;
    private final long timeoutMillis;

    RequestBodyGate(Handler next, BodyBudget budget, long timeoutMillis) {
        super(next);
        this.budget = budget;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        if (next == null) {
            return false;
        }
        long length = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length == 0 || (length < 0 && !chunked)) {
            return next.handle(request, response, callback);
        }
        String path = request.getHttpURI().getCanonicalPath();
        long cap = BodyLimits.maxBytes(request.getMethod(), path == null ? "" : path);
        if (cap == BodyLimits.STREAMED) {
            return next.handle(request, response, callback);
        }
        if (length > cap) {
            tooLarge(request, response, callback, cap);
            return true;
        }
        long reservation = length >= 0 ? length : cap;
        if (!budget.reserve(cap, reservation)) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            error(request, response, callback, 503, "busy",
                    "The server is receiving too many request bodies at once; try again in a second");
            return true;
        }
        new Collector(next, request, response, callback, cap, reservation).start();
        return true;
    }

    static void tooLarge(Request request, Response response, Callback callback, long cap) {
        error(request, response, callback, 413, "too_large",
                "The request body is larger than " + cap + " bytes, the most this endpoint accepts");
    }

    /** An answer in the API.md error shape; the connection closes after it (the body may be unread). */
    static void error(Request request, Response response, Callback callback, int status, String code, String message) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException(code));
            return;
        }
        request.consumeAvailable();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", SecurityHeaders.DEFAULT_CSP);
        response.write(true, ByteBuffer.wrap(new ApiError(code, message).toJson()), callback);
    }

    /** Collects one request's body; hands the request on once the last piece is here. */
    private final class Collector {
        private final Handler next;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long cap;
        private final long reservation;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicBoolean released = new AtomicBoolean();
        private final Runnable onContent = Invocable.from(Invocable.InvocationType.NON_BLOCKING, () -> collect(false));
        private byte[] data;
        private int size;
        private Scheduler.Task timeout;

        Collector(Handler next, Request request, Response response, Callback callback, long cap, long reservation) {
            this.next = next;
            this.request = request;
            this.response = response;
            this.cap = cap;
            this.reservation = reservation;
            this.callback = new Callback.Nested(callback) {
                @Override
                public void completed() {
                    release();
                }
            };
            long length = request.getLength();
            data = new byte[(int) (length >= 0 ? length : Math.min(cap, 1024))];
        }

        void start() {
            timeout = request.getComponents().getScheduler().schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
            collect(true);
        }

        /** Reads what has arrived; on a handling thread ({@code inline}) or in a non-blocking content callback. */
        private void collect(boolean inline) {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(onContent);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (finish()) {
                        error(request, response, callback, 400, "bad_request", "The request body could not be read");
                    }
                    return;
                }
                ByteBuffer piece = chunk.getByteBuffer();
                int n = piece.remaining();
                if ((long) size + n > cap) {
                    chunk.release();
                    if (finish()) {
                        tooLarge(request, response, callback, cap);
                    }
                    return;
                }
                if (size + n > data.length) {
                    byte[] bigger = new byte[(int) Math.min(cap, Math.max((long) data.length * 2, size + n))];
                    System.arraycopy(data, 0, bigger, 0, size);
                    data = bigger;
                }
                piece.get(data, size, n);
                size += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    if (finish()) {
                        if (inline) {
                            process();
                        } else {
                            request.getContext().execute(this::process);
                        }
                    }
                    return;
                }
            }
        }

        private void process() {
            Request complete = new BufferedRequest(request, ByteBuffer.wrap(data, 0, size));
            try {
                if (!next.handle(complete, response, callback)) {
                    Response.writeError(complete, response, callback, 404);
                }
            } catch (Throwable failure) {
                Response.writeError(complete, response, callback, failure);
            }
        }

        private void expire() {
            if (finish()) {
                error(request, response, callback, 408, "request_timeout", "The request body did not arrive within "
                        + timeoutMillis / 1000 + " s");
            }
        }

        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            if (timeout != null) {
                timeout.cancel();
            }
            return true;
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                budget.release(cap, reservation);
            }
        }
    }

    /** The request with its whole body already read: one last chunk. */
    static final class BufferedRequest extends Request.Wrapper {
        private Content.Chunk body;

        BufferedRequest(Request wrapped, ByteBuffer body) {
            super(wrapped);
            this.body = Content.Chunk.from(body, true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = body;
            if (chunk.isLast() && !chunk.hasRemaining()) {
                return Content.Chunk.EOF;
            }
            body = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public synchronized boolean consumeAvailable() {
            body = Content.Chunk.EOF;
            return true;
        }

        @Override
        public synchronized void fail(Throwable failure) {
            body = Content.Chunk.from(failure, true);
        }
    }
}
