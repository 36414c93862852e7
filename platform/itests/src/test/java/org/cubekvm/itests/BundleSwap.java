package org.cubekvm.itests;

import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cubekvm.testsupport.Await;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/** A bundle updated in place as the console does it, and the check that its old revision is gone. */
final class BundleSwap {
    private BundleSwap() {
    }

    /** Refreshes {@code bundle} and waits for the framework to say the refresh is done. */
    static void refresh(BundleContext context, Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue("the refresh of " + bundle.getSymbolicName() + " did not finish within " + Http.DEADLINE.toSeconds() + " s",
                done.await(Http.DEADLINE.toSeconds(), TimeUnit.SECONDS));
    }

    /**
     * Updates {@code bundle} from its location and refreshes it.
     *
     * @return the old revision's class loader, weakly held, for {@link #awaitCollected}
     */
    static WeakReference<ClassLoader> update(BundleContext context, Bundle bundle) throws BundleException, InterruptedException {
        WeakReference<ClassLoader> old = new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
        bundle.update();
        refresh(context, bundle);
        return old;
    }

    /** Waits until nothing holds the old revision's class loader any more (no leak). */
    static void awaitCollected(String name, WeakReference<ClassLoader> old) {
        Await.until("the old " + name + " revision's class loader to become unreachable", Http.DEADLINE, () -> {
            System.gc();
            return old.get() == null;
        });
    }
}
