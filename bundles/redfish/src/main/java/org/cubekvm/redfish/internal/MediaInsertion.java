package org.cubekvm.redfish.internal;

import java.net.URI;
import java.util.function.Consumer;
import org.cubekvm.api.media.MediaStore;
import org.cubekvm.api.media.MediumMode;
import org.cubekvm.api.media.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code InsertMedia} from a URL: the media store downloads the image (its checks, its bounds), and
 * once that transfer is done the image is mounted, on the named thread {@value #THREAD}. An image of
 * the same name already in the store is mounted at once.
 */
final class MediaInsertion {
    static final String THREAD = "redfish-insert";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.redfish");
    /** Longest wait for a download (the store bounds sizes; this bounds a stalled server). */
    private static final long MAX_WAIT_MILLIS = 30 * 60 * 1000L;

    private MediaInsertion() {
    }

    static void start(MediaStore store, String name, URI url, MediumMode mode, boolean readOnly, String image,
            Consumer<String> mounted) {
        if (store.images().stream().anyMatch(i -> i.name().equals(name))) {
            store.mount(name, mode, readOnly);
            mounted.accept(image);
            return;
        }
        Transfer transfer = store.download(name, url, null);
        Thread thread = new Thread(() -> follow(store, transfer.id(), name, mode, readOnly, image, mounted), THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    private static void follow(MediaStore store, String id, String name, MediumMode mode, boolean readOnly, String image,
            Consumer<String> mounted) {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        try {
            while (System.currentTimeMillis() < deadline) {
                Transfer now = store.transfers().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
                if (now == null || Transfer.FAILED.equals(now.state())) {
                    LOG.warn("redfish: download of {} failed: {}", name, now == null ? "the transfer vanished" : now.message());
                    return;
                }
                if (Transfer.DONE.equals(now.state())) {
                    store.mount(name, mode, readOnly);
                    mounted.accept(image);
                    LOG.info("redfish: {} downloaded and inserted", name);
                    return;
                }
                Thread.sleep(200);
            }
            LOG.warn("redfish: download of {} did not end within {} min; not inserted", name, MAX_WAIT_MILLIS / 60000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("redfish: inserting {} failed: {}", name, e.getMessage());
        }
    }
}
