package org.cubekvm.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.cubekvm.api.media.MediaException;
import org.cubekvm.api.media.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads http(s) URLs into the store on one named thread ({@value #THREAD_NAME}), one at a time
 * (queued ones show 0 bytes), with the same checks as an upload. Redirects are followed only
 * within http/https. The download is an operator's request: the URL may point anywhere the KVM
 * can reach, as the operator can anyway through the target.
 */
final class UrlDownloader {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.media");
    static final String THREAD_NAME = "media-download";
    static final int MAX_URL_LENGTH = 2048;

    private final ImageStore store;
    private final StoreLimits limits;
    private final ExecutorService executor;

    UrlDownloader(ImageStore store, StoreLimits limits) {
        this.store = store;
        this.limits = limits;
        this.executor = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(Transfers.MAX_RUNNING),
                runnable -> {
                    Thread thread = new Thread(runnable, THREAD_NAME);
                    thread.setDaemon(true);
                    // Like an upload's copy (BackgroundPriority): only the CPU capture and the viewers leave.
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
    }

    /** @throws MediaException 400 for a URL that is not absolute http(s) */
    static URI requireUrl(String text) {
        if (text == null || text.isBlank()) {
            throw new MediaException(400, "bad_url", "url is required");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw new MediaException(400, "bad_url", "url may have at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            throw new MediaException(400, "bad_url", "url is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new MediaException(400, "bad_url", "url must be an absolute http:// or https:// URL");
        }
        return uri;
    }

    Transfer start(String name, URI url, String expectedSha256, Predicate<String> busy) {
        TransferProgress transfer = store.begin(name, url.toString(), -1, busy);
        try {
            executor.execute(() -> run(transfer, url, expectedSha256));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            transfer.failed("too_many_transfers", "Too many downloads are queued");
            throw new MediaException(429, "too_many_transfers", "Too many downloads are queued; wait for one to end");
        }
        return transfer.snapshot();
    }

    private void run(TransferProgress transfer, URI url, String expectedSha256) {
        HttpURLConnection connection = null;
        try {
            connection = open(url);
            int status = connection.getResponseCode();
            if (status != 200) {
                transfer.failed("download_failed", url + " answered HTTP " + status);
                LOG.info("media: download of {} failed: HTTP {}", url, status);
                return;
            }
            long length = connection.getContentLengthLong();
            if (length >= 0) {
                store.requireSize(length);
                transfer.total(length);
            }
            try (InputStream body = connection.getInputStream()) {
                store.copy(transfer, body, length, expectedSha256);
            }
        } catch (MediaException e) {
            if (transfer.running()) {
                transfer.failed(e.code(), e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            transfer.failed("download_failed", "Downloading " + url + " failed: " + e);
            LOG.info("media: download of {} failed: {}", url, e.toString());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private HttpURLConnection open(URI url) throws IOException {
        URL current = url.toURL();
        for (int hops = 0; hops < 5; hops++) {
            HttpURLConnection connection = (HttpURLConnection) current.openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(limits.connectTimeoutMs());
            connection.setReadTimeout(limits.idleTimeoutMs());
            connection.setRequestProperty("Accept-Encoding", "identity");
            int status = connection.getResponseCode();
            if (status / 100 != 3) {
                return connection;
            }
            String location = connection.getHeaderField("Location");
            connection.disconnect();
            if (location == null) {
                throw new IOException("redirect " + status + " without Location");
            }
            current = requireUrl(URI.create(current.toString()).resolve(location).toString()).toURL();
        }
        throw new IOException("more than 5 redirects");
    }

    void close() {
        executor.shutdownNow();
    }
}
