package org.cubekvm.usbgadget.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent HID report-descriptor parser (HID 1.11 §6.2.2), written for the tests: it walks
 * the short items, keeps the global state (usage page, logical min/max, report size/count) and
 * turns every Input/Output main item into fields, so a test can check the report layout a host
 * would derive, not the bytes the production code wrote.
 */
final class HidDescriptorParser {
    /** One main item: {@code bits} = size × count. */
    record Field(String kind, int usagePage, int reportSize, int reportCount, int logicalMin, int logicalMax,
            boolean constant, boolean variable, boolean relative, List<Integer> usages, int usageMin, int usageMax) {
        int bits() {
            return reportSize * reportCount;
        }
    }

    record Parsed(List<Field> fields, int collectionsOpened, int collectionsClosed, int applicationUsagePage,
            int applicationUsage) {
        int bits(String kind) {
            return fields.stream().filter(f -> f.kind().equals(kind)).mapToInt(Field::bits).sum();
        }

        List<Field> of(String kind) {
            return fields.stream().filter(f -> f.kind().equals(kind)).toList();
        }
    }

    private HidDescriptorParser() {
    }

    static Parsed parse(byte[] d) {
        List<Field> fields = new ArrayList<>();
        int usagePage = 0;
        int logicalMin = 0;
        int logicalMax = 0;
        int reportSize = 0;
        int reportCount = 0;
        List<Integer> usages = new ArrayList<>();
        int usageMin = -1;
        int usageMax = -1;
        int opened = 0;
        int closed = 0;
        int appPage = -1;
        int appUsage = -1;
        int i = 0;
        while (i < d.length) {
            int prefix = d[i] & 0xff;
            if (prefix == 0xfe) {
                throw new IllegalArgumentException("long items are not expected");
            }
            int size = switch (prefix & 0x03) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> 2;
                default -> 4;
            };
            if (i + 1 + size > d.length) {
                throw new IllegalArgumentException("item at " + i + " runs past the end");
            }
            int unsigned = 0;
            for (int b = 0; b < size; b++) {
                unsigned |= (d[i + 1 + b] & 0xff) << (8 * b);
            }
            int signed = size == 0 ? 0 : size == 4 ? unsigned : (unsigned << (32 - 8 * size)) >> (32 - 8 * size);
            int type = (prefix >> 2) & 0x03;
            int tag = (prefix >> 4) & 0x0f;
            if (type == 0) { // main
                switch (tag) {
                    case 0x8, 0x9 -> {
                        fields.add(new Field(tag == 0x8 ? "input" : "output", usagePage, reportSize, reportCount, logicalMin,
                                logicalMax, (unsigned & 1) != 0, (unsigned & 2) != 0, (unsigned & 4) != 0, List.copyOf(usages),
                                usageMin, usageMax));
                    }
                    case 0xa -> {
                        opened++;
                        if (unsigned == 1 && appPage < 0) {
                            appPage = usagePage;
                            appUsage = usages.isEmpty() ? -1 : usages.get(usages.size() - 1);
                        }
                    }
                    case 0xc -> closed++;
                    default -> throw new IllegalArgumentException("unexpected main item tag " + tag);
                }
                usages.clear();
                usageMin = -1;
                usageMax = -1;
            } else if (type == 1) { // global
                switch (tag) {
                    case 0x0 -> usagePage = unsigned;
                    case 0x1 -> logicalMin = signed;
                    case 0x2 -> logicalMax = size == 1 && logicalMin >= 0 ? unsigned : signed;
                    case 0x7 -> reportSize = unsigned;
                    case 0x9 -> reportCount = unsigned;
                    default -> throw new IllegalArgumentException("unexpected global item tag " + tag);
                }
            } else if (type == 2) { // local
                switch (tag) {
                    case 0x0 -> usages.add(unsigned);
                    case 0x1 -> usageMin = unsigned;
                    case 0x2 -> usageMax = unsigned;
                    default -> throw new IllegalArgumentException("unexpected local item tag " + tag);
                }
            } else {
                throw new IllegalArgumentException("reserved item type at " + i);
            }
            i += 1 + size;
        }
        return new Parsed(fields, opened, closed, appPage, appUsage);
    }
}
