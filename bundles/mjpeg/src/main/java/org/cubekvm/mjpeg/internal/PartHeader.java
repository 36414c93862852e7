package org.cubekvm.mjpeg.internal;

import java.nio.charset.StandardCharsets;

/**
 * Formats a multipart part header into a reusable byte array without allocating: the CRLF
 * ending the previous part, the boundary, and the frame's headers of docs/api.md.
 */
final class PartHeader {
    static final String BOUNDARY = "frame";
    static final String CONTENT_TYPE = "multipart/x-mixed-replace; boundary=" + BOUNDARY;
    private static final byte[] FIRST = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: ")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP = "\r\nX-Timestamp: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = "\r\nX-Frame-Seq: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CLOSING = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);

    final byte[] bytes = new byte[160];

    /** @return the header length in {@link #bytes} */
    int format(boolean first, int contentLength, long timestampMicros, long seq) {
        int at = 0;
        if (!first) {
            bytes[at++] = '\r';
            bytes[at++] = '\n';
        }
        at = put(FIRST, at);
        at = putDecimal(contentLength, at);
        at = put(TIMESTAMP, at);
        at = putDecimal(timestampMicros, at);
        at = put(SEQ, at);
        at = putDecimal(seq, at);
        return put(END, at);
    }

    private int put(byte[] source, int at) {
        System.arraycopy(source, 0, bytes, at, source.length);
        return at + source.length;
    }

    private int putDecimal(long value, int at) {
        if (value < 0) {
            bytes[at++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }
}
