package org.cubekvm.nativebridge.internal;

import java.nio.channels.SocketChannel;
import org.cubekvm.api.net.SendQueue;
import org.cubekvm.api.net.SocketQueues;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@link SocketQueues} through libcubekvm's {@code ioctl(SIOCOUTQ)} ({@code native-libs/src/net.c}).
 * The descriptor is read once per channel (JNI reads the channel's {@code fdVal}); each
 * {@link SendQueue#bytes()} is one ioctl, allocation free. A closed channel reads -1, so a
 * descriptor number reused by another socket is never read.
 */
@Component(service = SocketQueues.class)
public class KernelSocketQueues implements SocketQueues {
    private final NativeLibrary library;

    @Activate
    public KernelSocketQueues(BundleContext context) {
        this(NativeLibrary.withKillSwitch(context.getProperty(NativeLibrary.KILL_SWITCH)));
    }

    KernelSocketQueues(NativeLibrary library) {
        this.library = library;
    }

    @Override
    public SendQueue sendQueue(SocketChannel channel) {
        if (channel == null || !channel.isOpen() || !library.isAvailable()) {
            return null;
        }
        int fd = Native.socketFd0(channel);
        if (fd < 0 || Native.socketSendQueue0(fd) < 0) {
            return null;
        }
        return () -> {
            if (!channel.isOpen()) {
                return -1;
            }
            int bytes = Native.socketSendQueue0(fd);
            return bytes >= 0 ? bytes : -1;
        };
    }
}
