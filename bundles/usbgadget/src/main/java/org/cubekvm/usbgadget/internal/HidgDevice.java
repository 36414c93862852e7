package org.cubekvm.usbgadget.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /dev/hidgN}: reports are copied into a small preallocated ring and written by this
 * device's own named thread, so the caller (the HID protocol thread) never blocks, even when the
 * host stops reading (a hidg write then blocks until the host polls). When the ring is full the
 * oldest report is dropped: a keyboard or absolute-mouse report is the whole state, so the newest
 * is what matters. A write error closes the device; it is reopened (at most every
 * {@value #REOPEN_MILLIS} ms) when the next report comes, e.g. after the gadget re-enumerated.
 */
class HidgDevice {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.usbgadget");
    static final int CAPACITY = 8;
    static final long REOPEN_MILLIS = 500;

    /** Told when writes start or stop succeeding. */
    interface OnlineListener {
        void online(HidgDevice device, boolean online);
    }

    private final Path path;
    private final int length;
    private final byte[][] ring;
    private final ByteBuffer out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Thread writer;
    private final OnlineListener listener;
    // Guarded by lock.
    private int head;
    private int size;
    private long dropped;
    private boolean stopped;
    // Writer thread only.
    private volatile FileChannel channel;
    private long nextOpenMillis;
    private volatile boolean online;
    private long errors;

    HidgDevice(Path path, int length, OnlineListener listener) {
        this.path = path;
        this.length = length;
        this.ring = new byte[CAPACITY][length];
        this.out = ByteBuffer.allocate(length);
        this.listener = listener;
        this.writer = new Thread(this::writeLoop, "usb-" + path.getFileName() + "-writer");
        this.writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    Path path() {
        return path;
    }

    boolean online() {
        return online;
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a copy of {@code report[offset..offset+length)}; never blocks on the device. */
    void offer(byte[] report, int offset) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            if (size == CAPACITY) {
                head = (head + 1) % CAPACITY;
                size--;
                dropped++;
            }
            System.arraycopy(report, offset, ring[(head + size) % CAPACITY], 0, length);
            size++;
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopped = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        writer.interrupt();
        closeChannel();
    }

    /** Seam: opens the device for writing (tests use a FIFO or a file). */
    FileChannel open(Path device) throws IOException {
        return FileChannel.open(device, StandardOpenOption.WRITE);
    }

    private void writeLoop() {
        while (true) {
            lock.lock();
            try {
                while (size == 0 && !stopped) {
                    queued.await();
                }
                if (stopped) {
                    return;
                }
                out.clear();
                out.put(ring[head]).flip();
                head = (head + 1) % CAPACITY;
                size--;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            write();
        }
    }

    private void write() {
        try {
            if (channel == null) {
                long now = System.currentTimeMillis();
                if (now < nextOpenMillis) {
                    TimeUnit.MILLISECONDS.sleep(nextOpenMillis - now);
                }
                nextOpenMillis = System.currentTimeMillis() + REOPEN_MILLIS;
                channel = open(path);
            }
            while (out.hasRemaining()) {
                channel.write(out);
            }
            setOnline(true);
        } catch (IOException e) {
            closeChannel();
            setOnline(false);
            // Logged with suppression: a host that is off fails every report.
            if (errors++ % 1000 == 0) {
                LOG.warn("usbgadget: writing {} failed ({} errors so far): {}", path, errors, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void setOnline(boolean now) {
        if (online != now) {
            online = now;
            if (listener != null) {
                listener.online(this, now);
            }
        }
    }

    private synchronized void closeChannel() {
        FileChannel current = channel;
        channel = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closing a broken device
            }
        }
    }
}
