package org.cubekvm.hid.internal;

import java.util.Random;

/** Random protocol messages: mostly plausible (right type, right or almost right length), some pure noise. */
final class RandomMessages {
    private RandomMessages() {
    }

    static byte[] next(Random random) {
        int shape = random.nextInt(10);
        byte[] message;
        switch (shape) {
            case 0 -> message = new byte[random.nextInt(64 * 1024 + 1)];
            case 1, 2 -> message = new byte[random.nextInt(16)];
            case 3, 4 -> {
                message = new byte[9];
                message[0] = 1;
            }
            case 5, 6 -> {
                message = new byte[random.nextBoolean() ? 5 : 7];
                message[0] = 2;
            }
            default -> message = new byte[1 + random.nextInt(10)];
        }
        random.nextBytes(message);
        if (shape >= 3 && shape <= 6) {
            message[0] = (byte) (shape <= 4 ? 1 : 2);
            if (shape <= 4) {
                // plausible keyboard: reserved 0 and a few real usages most of the time
                message[2] = random.nextInt(4) == 0 ? message[2] : 0;
                for (int i = 3; i < 9; i++) {
                    message[i] = random.nextInt(3) == 0 ? (byte) (4 + random.nextInt(0x62)) : 0;
                }
            } else {
                message[1] = (byte) (random.nextInt(5) == 0 ? message[1] : random.nextInt(8));
                if (message.length == 7) {
                    message[3] &= random.nextInt(5) == 0 ? (byte) 0xff : 0x7f;
                    message[5] &= random.nextInt(5) == 0 ? (byte) 0xff : 0x7f;
                }
            }
        }
        return message;
    }
}
