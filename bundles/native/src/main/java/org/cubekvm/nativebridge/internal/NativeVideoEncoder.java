package org.cubekvm.nativebridge.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthContributor;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RawFrameSource;
import org.cubekvm.api.video.VideoEncoder;
import org.cubekvm.api.video.VideoUnavailableException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VideoEncoder} of this machine and its codec health. The backend decides where
 * frames come from: {@code host} encodes the {@link RawFrameSource}'s pictures in software,
 * {@code replay} serves recorded frames, {@code sg2002} is the device's VENC. A PC and the
 * device use the same component name and PID, so switching profile swaps configuration only.
 */
@Component(name = NativeVideoEncoder.PID, configurationPid = NativeVideoEncoder.PID,
        service = {VideoEncoder.class, HealthContributor.class})
@Designate(ocd = NativeVideoEncoder.Config.class)
public class NativeVideoEncoder implements VideoEncoder, HealthContributor {
    static final String PID = "org.cubekvm.video.encoder";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.native");

    @ObjectClassDefinition(id = PID, name = "Video encoder",
            description = "Where encoded video frames come from (the native bridge)")
    public @interface Config {
        @AttributeDefinition(name = "Backend", description = "auto: by profile (bench: replay, sg2002: sg2002,"
                + " otherwise host); host: software encoders (libturbojpeg, openh264) fed by the raw frame source;"
                + " replay: recorded frames, no encoder; sg2002: the device's hardware encoder",
                options = {@Option(label = "auto", value = "auto"), @Option(label = "host", value = "host"),
                        @Option(label = "replay", value = "replay"), @Option(label = "sg2002", value = "sg2002")})
        String backend() default BackendKind.AUTO;

        @AttributeDefinition(name = "Replay folder", description = "Folder with recordings (mjpeg-*.ckr,"
                + " h264-*.ckr) for the replay backend; empty: the recordings inside this bundle")
        String replayDirectory() default "";
    }

    /** The chosen backend and what it was made from, to tell a real change from a repeated one. */
    private record Choice(BackendKind kind, String replayDirectory, EncoderBackend backend) {
    }

    private final AtomicReference<RawFrameSource> sources = new AtomicReference<>();
    private BundleContext context;
    private NativeLibrary library;
    private volatile Choice choice;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(RawFrameSource source) {
        sources.set(source);
    }

    void unbindSource(RawFrameSource source) {
        // A greedy rebind binds the new source before unbinding the old one: keep the new.
        sources.compareAndSet(source, null);
    }

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        this.library = NativeLibrary.withKillSwitch(context.getProperty(NativeLibrary.KILL_SWITCH));
        choice = choose(config);
        LOG.info("video encoder backend {}", choice.backend().name());
    }

    @Modified
    void modified(Config config) {
        Choice next = choose(config); // throws on a bad value before anything changes
        Choice previous = choice;
        boolean sameRecordings = next.kind() != BackendKind.REPLAY
                || next.replayDirectory().equals(previous.replayDirectory());
        if (next.kind() == previous.kind() && sameRecordings) {
            return; // nothing that open channels depend on changed: keep them running
        }
        choice = next;
        previous.backend().shutdown("the encoder backend changed to " + next.backend().name() + "; open a new channel");
        LOG.info("video encoder backend {} (was {})", next.backend().name(), previous.backend().name());
    }

    @Deactivate
    void deactivate() {
        choice.backend().shutdown("the native bridge is stopping");
    }

    private Choice choose(Config config) {
        BackendKind kind = BackendKind.resolve(config.backend(), context.getProperty("cubekvm.profile"));
        String folder = Objects.requireNonNullElse(config.replayDirectory(), "").trim();
        if (!folder.isEmpty() && !Files.isDirectory(Path.of(folder))) {
            throw new IllegalArgumentException("replayDirectory must be an existing folder, was '" + folder + "'");
        }
        EncoderBackend backend = switch (kind) {
            case HOST -> new HostBackend(library, sources);
            case REPLAY -> new ReplayBackend(library,
                    folder.isEmpty() ? new BundleRecordings(context) : new DirectoryRecordings(Path.of(folder)));
            case SG2002 -> new Sg2002Backend(library);
        };
        return new Choice(kind, folder, backend);
    }

    @Override
    public boolean isAvailable(Codec codec) {
        return choice.backend().isAvailable(codec);
    }

    @Override
    public String unavailabilityCause(Codec codec) {
        return choice.backend().unavailabilityCause(codec);
    }

    @Override
    public EncoderChannel open(EncoderSettings settings) throws VideoUnavailableException {
        return choice.backend().open(settings);
    }

    @Override
    public List<Health> health() {
        return choice.backend().health();
    }
}
