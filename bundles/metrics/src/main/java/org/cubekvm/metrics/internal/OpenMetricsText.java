package org.cubekvm.metrics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.cubekvm.api.metrics.HistogramSnapshot;
import org.cubekvm.api.metrics.MetricsWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the samples of one scrape, grouped by family, and renders them in the OpenMetrics 1.0.0
 * text format: {@code # TYPE}, {@code # UNIT}, {@code # HELP}, then the samples, and {@code # EOF}.
 * A sample that breaks the naming rules or disagrees with its family's type/unit is dropped and
 * logged, never rendered (one bad contributor must not make the whole exposition unparsable).
 */
final class OpenMetricsText implements MetricsWriter {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.metrics");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern UNIT = Pattern.compile("[a-z0-9_]*");

    private final Map<String, Family> families = new LinkedHashMap<>();

    private record Family(String name, String type, String unit, String help, List<String> samples) {
    }

    @Override
    public void counter(String name, String unit, String help, double value, String... labels) {
        Family family = family(name, "counter", unit, help, labels);
        if (family != null && value >= 0) {
            family.samples.add(name + "_total" + labels(labels, null) + " " + number(value));
        }
    }

    @Override
    public void gauge(String name, String unit, String help, double value, String... labels) {
        Family family = family(name, "gauge", unit, help, labels);
        if (family != null) {
            family.samples.add(name + labels(labels, null) + " " + number(value));
        }
    }

    @Override
    public void histogram(String name, String unit, String help, HistogramSnapshot histogram, String... labels) {
        Family family = family(name, "histogram", unit, help, labels);
        if (family == null) {
            return;
        }
        long cumulative = 0;
        double previous = Double.NEGATIVE_INFINITY;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < histogram.upperBounds().length; i++) {
            double bound = histogram.upperBounds()[i];
            if (!(bound > previous) || Double.isInfinite(bound)) {
                LOG.warn("histogram {} has bounds that do not increase; dropped", name);
                return;
            }
            previous = bound;
            cumulative += histogram.bucketCounts()[i];
            lines.add(name + "_bucket" + labels(labels, number(bound)) + " " + cumulative);
        }
        // Counters read while observations arrive: the total is never below the buckets.
        long count = Math.max(cumulative, histogram.count());
        lines.add(name + "_bucket" + labels(labels, "+Inf") + " " + count);
        lines.add(name + "_count" + labels(labels, null) + " " + count);
        lines.add(name + "_sum" + labels(labels, null) + " " + number(Math.max(0, histogram.sum())));
        family.samples.addAll(lines);
    }

    private Family family(String name, String type, String unit, String help, String[] labels) {
        String unitName = unit == null ? "" : unit;
        if (!NAME.matcher(name).matches() || !UNIT.matcher(unitName).matches()
                || (!unitName.isEmpty() && !name.endsWith("_" + unitName)) || name.endsWith("_total")
                || !validLabels(labels)) {
            LOG.warn("{} {} (unit '{}') breaks the OpenMetrics naming rules; dropped", type, name, unitName);
            return null;
        }
        Family family = families.computeIfAbsent(name, n -> new Family(n, type, unitName, help, new ArrayList<>()));
        if (!family.type.equals(type) || !family.unit.equals(unitName)) {
            LOG.warn("{} was first written as a {} in '{}', now as a {} in '{}'; dropped", name,
                    family.type, family.unit, type, unitName);
            return null;
        }
        return family;
    }

    private static boolean validLabels(String[] labels) {
        if (labels.length % 2 != 0) {
            return false;
        }
        for (int i = 0; i < labels.length; i += 2) {
            if (labels[i] == null || labels[i + 1] == null || !LABEL.matcher(labels[i]).matches()
                    || labels[i].equals("le")) {
                return false;
            }
        }
        return true;
    }

    private static String labels(String[] labels, String le) {
        if (labels.length == 0 && le == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        if (le != null) {
            out.append(labels.length > 0 ? "," : "").append("le=\"").append(le).append('"');
        }
        return out.append('}').toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** The exposition, ending with {@code # EOF}. */
    String render() {
        StringBuilder out = new StringBuilder(8192);
        for (Family family : families.values()) {
            if (family.samples.isEmpty()) {
                continue;
            }
            out.append("# TYPE ").append(family.name).append(' ').append(family.type).append('\n');
            if (!family.unit.isEmpty()) {
                out.append("# UNIT ").append(family.name).append(' ').append(family.unit).append('\n');
            }
            out.append("# HELP ").append(family.name).append(' ').append(escape(family.help)).append('\n');
            for (String sample : family.samples) {
                out.append(sample).append('\n');
            }
        }
        return out.append("# EOF\n").toString();
    }
}
