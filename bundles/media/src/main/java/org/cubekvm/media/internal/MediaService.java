package org.cubekvm.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.cubekvm.api.media.ImageInfo;
import org.cubekvm.api.media.MassStorage;
import org.cubekvm.api.media.MediaException;
import org.cubekvm.api.media.MediaStore;
import org.cubekvm.api.media.Medium;
import org.cubekvm.api.media.MediumMode;
import org.cubekvm.api.media.Transfer;
import org.cubekvm.api.rest.RestConstants;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MediaStore}: images under {@code <data>/images}, mounted into whichever
 * {@link MassStorage} LUN runs (the virtual machine's drive on a PC, the USB gadget on the
 * device; without one, mounting answers 503). A configuration change re-activates it, which is
 * refused nothing: transfers in progress fail and leave nothing, as after a crash.
 */
@Component(name = MediaService.PID, configurationPid = MediaService.PID, service = {MediaStore.class, MediaService.class}, immediate = true)
@Designate(ocd = MediaConfig.class)
public class MediaService implements MediaStore {
    static final String PID = "org.cubekvm.media";
    static final String IMAGES_DIRECTORY = "images";
    /** The thread an upload's body is copied on, at background priority ({@link BackgroundPriority}). */
    static final String UPLOAD_THREAD_NAME = "media-upload";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.media");

    private final ImageStore store;
    private final UrlDownloader downloader;
    private final Object mounting = new Object();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MassStorage lun;

    @Activate
    public MediaService(BundleContext context, MediaConfig config) throws IOException {
        this(imagesDirectory(context), StoreLimits.of(config, context::getProperty));
    }

    MediaService(Path images, StoreLimits limits) throws IOException {
        ImageDirectory directory = new ImageDirectory(images);
        int removed = directory.prepare();
        if (removed > 0) {
            LOG.info("media: removed {} leftovers of interrupted uploads from {}", removed, images);
        }
        this.store = new ImageStore(directory, limits, new Transfers());
        this.downloader = new UrlDownloader(store, limits);
    }

    /** For tests: the LUN. */
    void lun(MassStorage storage) {
        this.lun = storage;
    }

    @Deactivate
    void deactivate() {
        downloader.close();
    }

    private static Path imagesDirectory(BundleContext context) {
        String data = context.getProperty(RestConstants.DATA_DIR_PROPERTY);
        return Paths.get(data == null ? "data" : data).toAbsolutePath().resolve(IMAGES_DIRECTORY);
    }

    @Override
    public List<ImageInfo> images() {
        return store.images();
    }

    @Override
    public List<Transfer> transfers() {
        return store.transfers().snapshot();
    }

    Transfer transfer(String id) {
        return store.transfers().find(id);
    }

    @Override
    public ImageInfo receive(String name, InputStream body, long length, String expectedSha256) {
        String expected = Sha256Hex.expected(expectedSha256);
        TransferProgress transfer = store.begin(name, "upload", length, this::isMounted);
        return BackgroundPriority.call(UPLOAD_THREAD_NAME, () -> store.copy(transfer, body, length, expected));
    }

    @Override
    public Transfer download(String name, URI url, String expectedSha256) {
        String expected = Sha256Hex.expected(expectedSha256);
        URI checked = UrlDownloader.requireUrl(url == null ? null : url.toString());
        return downloader.start(name, checked, expected, this::isMounted);
    }

    @Override
    public void delete(String name) {
        ImageNames.require(name);
        synchronized (mounting) {
            if (isMounted(name)) {
                throw new MediaException(409, "mounted", "Image " + name + " is mounted; unmount it before deleting it");
            }
            if (store.transfers().running(name)) {
                throw new MediaException(409, "in_progress", "Image " + name + " is being uploaded or downloaded");
            }
            try {
                if (!store.directory().delete(name)) {
                    throw new MediaException(404, "not_found", "There is no image named " + name);
                }
            } catch (IOException e) {
                throw new MediaException(500, "delete_failed", "Image " + name + " could not be deleted: " + e.getMessage());
            }
        }
        LOG.info("media: deleted image {}", name);
    }

    @Override
    public Medium mount(String name, MediumMode mode, boolean readOnly) {
        ImageNames.require(name);
        if (mode == null) {
            throw new MediaException(400, "bad_mode", "mode must be cdrom or disk");
        }
        MassStorage storage = requireLun();
        synchronized (mounting) {
            if (!store.directory().exists(name)) {
                throw new MediaException(404, "not_found", "There is no image named " + name);
            }
            if (store.transfers().running(name)) {
                throw new MediaException(409, "in_progress", "Image " + name + " is being uploaded or downloaded");
            }
            Medium medium = new Medium(name, store.directory().image(name), mode, mode == MediumMode.CDROM || readOnly);
            try {
                storage.insert(medium);
            } catch (IOException | RuntimeException e) {
                throw new MediaException(409, "mount_failed", "Image " + name + " could not be mounted: " + e.getMessage());
            }
            LOG.info("media: mounted {} as {}{}", name, mode.id(), medium.readOnly() ? " (read-only)" : "");
            return medium;
        }
    }

    @Override
    public void unmount() {
        MassStorage storage = requireLun();
        synchronized (mounting) {
            try {
                storage.eject();
            } catch (IOException | RuntimeException e) {
                throw new MediaException(409, "unmount_failed", "The medium could not be ejected: " + e.getMessage());
            }
        }
        LOG.info("media: ejected");
    }

    @Override
    public Medium mounted() {
        MassStorage storage = lun;
        return storage == null ? null : storage.inserted();
    }

    private boolean isMounted(String name) {
        Medium medium = mounted();
        return medium != null && medium.name().equals(name);
    }

    private MassStorage requireLun() {
        MassStorage storage = lun;
        if (storage == null) {
            throw new MediaException(503, "no_lun", "There is no mass-storage device: neither the virtual machine's drive "
                    + "nor the USB gadget's mass-storage function is running");
        }
        return storage;
    }
}
