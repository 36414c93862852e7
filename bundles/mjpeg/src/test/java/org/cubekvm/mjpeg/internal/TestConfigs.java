package org.cubekvm.mjpeg.internal;

import java.lang.annotation.Annotation;

/** MjpegConfig instances for tests. */
final class TestConfigs {
    private TestConfigs() {
    }

    static MjpegConfig mjpeg(int sendBufferBytes, int sendQueueBytes, int sendQueueMaxWaitMillis) {
        return new MjpegConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MjpegConfig.class;
            }

            @Override
            public int sendBufferBytes() {
                return sendBufferBytes;
            }

            @Override
            public int sendQueueBytes() {
                return sendQueueBytes;
            }

            @Override
            public int sendQueueMaxWaitMillis() {
                return sendQueueMaxWaitMillis;
            }
        };
    }
}
