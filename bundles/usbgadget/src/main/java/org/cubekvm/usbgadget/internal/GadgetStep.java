package org.cubekvm.usbgadget.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** One change to the configfs tree, with a path relative to the gadget directory. */
sealed interface GadgetStep {
    String path();

    /** One line: {@code mkdir p}, {@code write p "text"} or {@code write p hex:…}, {@code symlink p -> t}. */
    String describe();

    record Mkdir(String path) implements GadgetStep {
        @Override
        public String describe() {
            return "mkdir " + path;
        }
    }

    record Write(String path, byte[] value) implements GadgetStep {
        static Write text(String path, String text) {
            return new Write(path, (text + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public String describe() {
            return "write " + path + " " + render(value);
        }

        static String render(byte[] value) {
            boolean text = true;
            for (int i = 0; i < value.length; i++) {
                int b = value[i] & 0xff;
                boolean last = i == value.length - 1;
                text &= (b >= 0x20 && b < 0x7f) || (last && b == '\n');
            }
            if (text) {
                return "\"" + new String(value, StandardCharsets.US_ASCII).replace("\n", "\\n") + "\"";
            }
            return "hex:" + HexFormat.of().formatHex(value);
        }
    }

    record Symlink(String path, String target) implements GadgetStep {
        @Override
        public String describe() {
            return "symlink " + path + " -> " + target;
        }
    }
}
