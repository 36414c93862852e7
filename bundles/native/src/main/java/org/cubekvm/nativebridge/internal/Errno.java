package org.cubekvm.nativebridge.internal;

/** Names of the errno values libcubekvm returns, for messages a person can act on. */
final class Errno {
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int ENAMETOOLONG = 36;
    static final int EBADMSG = 74;
    static final int ELIBACC = 79;
    static final int ENOBUFS = 105;
    static final int EBUSY = 16;
    static final int ENOLINK = 67;

    private Errno() {
    }

    static String describe(int errno) {
        return switch (errno) {
            case ENOENT -> "ENOENT (no such file)";
            case EIO -> "EIO (the encoder failed)";
            case EBADF -> "EBADF (stale or closed handle)";
            case ENOMEM -> "ENOMEM (out of memory)";
            case EACCES -> "EACCES (permission denied)";
            case EINVAL -> "EINVAL (invalid argument)";
            case ENAMETOOLONG -> "ENAMETOOLONG (path too long)";
            case EBADMSG -> "EBADMSG (not a valid recording)";
            case ELIBACC -> "ELIBACC (a needed library is missing)";
            case ENOBUFS -> "ENOBUFS (target buffer too small)";
            case EBUSY -> "EBUSY (already in use)";
            case ENOLINK -> "ENOLINK (no HDMI signal)";
            default -> "errno " + errno;
        };
    }
}
