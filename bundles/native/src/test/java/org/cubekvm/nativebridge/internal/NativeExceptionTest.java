package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeExceptionTest {
    @Test
    void negativeResultsBecomeExceptionsNamingTheCallAndErrno() {
        NativeException e = assertThrows(NativeException.class, () -> NativeException.check("encode0", -Errno.ENOBUFS));
        assertEquals("encode0", e.call());
        assertEquals(Errno.ENOBUFS, e.errno());
        assertTrue(e.getMessage().startsWith("encode0 failed: ENOBUFS"), e.getMessage());
        assertEquals("errno 1234", Errno.describe(1234));
    }

    @Test
    void nonNegativeResultsPassThrough() throws NativeException {
        assertEquals(0, NativeException.check("encoderClose0", 0));
        assertEquals(Native.RESULT_KEY | 42, NativeException.check("encode0", Native.RESULT_KEY | 42));
        assertEquals(42, Native.size(Native.RESULT_KEY | 42));
        assertTrue(Native.key(Native.RESULT_KEY | 42));
    }
}
