package org.cubekvm.nativebridge.internal;

import org.cubekvm.api.video.VideoUnavailableException;

/** A native call failed: names the call and the errno, so a log line says what broke. */
final class NativeException extends VideoUnavailableException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    NativeException(String call, int errno, String detail) {
        super(call + " failed: " + Errno.describe(errno) + (detail == null ? "" : "; " + detail));
        this.call = call;
        this.errno = errno;
    }

    String call() {
        return call;
    }

    int errno() {
        return errno;
    }

    /** Returns {@code result} when it is not negative; allocates nothing on success. */
    static long check(String call, long result) throws NativeException {
        if (result < 0) {
            throw new NativeException(call, (int) -result, null);
        }
        return result;
    }
}
