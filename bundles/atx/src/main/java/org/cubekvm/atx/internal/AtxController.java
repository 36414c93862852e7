package org.cubekvm.atx.internal;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.api.atx.AtxActions;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.api.atx.AtxLeds;
import org.cubekvm.api.atx.AtxTarget;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs button actions on the {@link AtxTarget}, one at a time across both buttons, each on the
 * {@value #THREAD_NAME} thread: the button goes down, stays down for the action's duration and
 * always comes up again, also when the action is interrupted because this component stops
 * (deactivation interrupts the action, waits for it, then releases both buttons once more).
 */
@Component(service = {AtxController.class, AtxActions.class}, configurationPid = AtxController.PID)
@Designate(ocd = AtxConfig.class)
public class AtxController implements AtxActions {
    static final String PID = "org.cubekvm.atx";
    static final String THREAD_NAME = "atx-action";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.atx");

    private final AtxTarget target;
    private final Sleeper sleeper;
    private final ExecutorService worker;
    private final AtomicReference<AtxAction> running = new AtomicReference<>();
    private volatile AtxTiming timing;

    @Activate
    public AtxController(@Reference AtxTarget target, AtxConfig config) {
        this(target, Sleeper.SYSTEM, validated(config));
    }

    AtxController(AtxTarget target, Sleeper sleeper, AtxTiming timing) {
        this.target = target;
        this.sleeper = sleeper;
        this.timing = timing;
        // No thread while idle: it is made for an action and ends 30 s after the last one.
        this.worker = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Modified
    void modified(AtxConfig config) {
        timing = validated(config);
    }

    private static AtxTiming validated(AtxConfig config) {
        try {
            return AtxTiming.of(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("atx: configuration " + PID + " refused: " + e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("atx: the running action did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever happened above, no button stays down once this component is gone.
        for (AtxButton button : AtxButton.values()) {
            releaseQuietly(button);
        }
    }

    AtxTiming timing() {
        return timing;
    }

    @Override
    public boolean start(AtxButton button, boolean hold, String user) {
        AtxTiming now = timing;
        return start(new AtxAction(button, hold ? AtxAction.Kind.HOLD : AtxAction.Kind.PRESS,
                hold ? now.holdMillis() : now.pressMillis(), user));
    }

    @Override
    public AtxLeds leds() {
        return target.leds();
    }

    /** The action now running, or null. */
    AtxAction running() {
        return running.get();
    }

    /**
     * Starts {@code action} in the background.
     *
     * @return false when another action is running (nothing is started)
     */
    boolean start(AtxAction action) {
        if (!running.compareAndSet(null, action)) {
            return false;
        }
        LOG.info("atx: {} {} {} for {} ms", action.user(), action.kind().id(), action.button().id(),
                action.durationMillis());
        try {
            worker.execute(() -> run(action));
        } catch (RejectedExecutionException e) {
            running.set(null);
            return false;
        }
        return true;
    }

    private void run(AtxAction action) {
        AtxButton button = action.button();
        try {
            target.press(button);
            sleeper.sleep(action.durationMillis());
        } catch (InterruptedException e) {
            LOG.warn("atx: {} of {} by {} interrupted (the bundle is stopping): releasing the button",
                    action.kind().id(), button.id(), action.user());
        } catch (IOException | RuntimeException e) {
            LOG.error("atx: {} of {} by {} failed: {}", action.kind().id(), button.id(), action.user(), e.toString());
        } finally {
            releaseQuietly(button);
            running.set(null);
        }
    }

    private void releaseQuietly(AtxButton button) {
        try {
            target.release(button);
        } catch (IOException | RuntimeException e) {
            LOG.error("atx: releasing the {} button failed: {}", button.id(), e.toString());
        }
    }
}
