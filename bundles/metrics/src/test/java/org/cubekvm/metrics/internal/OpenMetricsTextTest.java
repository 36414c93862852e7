package org.cubekvm.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cubekvm.api.metrics.HistogramSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenMetricsTextTest {
    @Test
    void familiesFromSeveralWritersAreGroupedWithOneHeader() {
        OpenMetricsText out = new OpenMetricsText();
        out.counter("cubekvm_stream_frames_sent", "", "Frames sent", 3, "mode", "mjpeg");
        out.gauge("cubekvm_jvm_threads", "", "Threads", 12);
        out.counter("cubekvm_stream_frames_sent", "", "Frames sent", 5, "mode", "h264");
        assertEquals("""
                # TYPE cubekvm_stream_frames_sent counter
                # HELP cubekvm_stream_frames_sent Frames sent
                cubekvm_stream_frames_sent_total{mode="mjpeg"} 3
                cubekvm_stream_frames_sent_total{mode="h264"} 5
                # TYPE cubekvm_jvm_threads gauge
                # HELP cubekvm_jvm_threads Threads
                cubekvm_jvm_threads 12
                # EOF
                """, out.render());
    }

    @Test
    void histogramBucketsAreCumulativeWithInfCountAndSum() {
        OpenMetricsText out = new OpenMetricsText();
        out.histogram("cubekvm_encode_latency_seconds", "seconds", "Encode latency",
                new HistogramSnapshot(new double[] {0.01, 0.05}, new long[] {2, 3}, 6, 0.25), "codec", "mjpeg");
        assertEquals("""
                # TYPE cubekvm_encode_latency_seconds histogram
                # UNIT cubekvm_encode_latency_seconds seconds
                # HELP cubekvm_encode_latency_seconds Encode latency
                cubekvm_encode_latency_seconds_bucket{codec="mjpeg",le="0.01"} 2
                cubekvm_encode_latency_seconds_bucket{codec="mjpeg",le="0.05"} 5
                cubekvm_encode_latency_seconds_bucket{codec="mjpeg",le="+Inf"} 6
                cubekvm_encode_latency_seconds_count{codec="mjpeg"} 6
                cubekvm_encode_latency_seconds_sum{codec="mjpeg"} 0.25
                # EOF
                """, out.render());
    }

    @Test
    void labelValuesAreEscaped() {
        OpenMetricsText out = new OpenMetricsText();
        out.gauge("cubekvm_bundle_active", "", "Bundles", 1, "bundle", "a\"b\\c\nd");
        assertTrue(out.render().contains("cubekvm_bundle_active{bundle=\"a\\\"b\\\\c\\nd\"} 1\n"), out.render());
    }

    @ParameterizedTest(name = "dropped: {0} unit ''{1}''")
    @CsvSource({
        "cubekvm_latency, seconds",        // unit not at the end of the name
        "cubekvm_frames_total, ''",        // counter name must not carry _total
        "'9frames', ''",                   // not a metric name
        "cubekvm bad, ''",                 // space
        "cubekvm_x_Seconds, Seconds",      // units are lower case
    })
    void samplesBreakingTheNamingRulesAreDropped(String name, String unit) {
        OpenMetricsText out = new OpenMetricsText();
        out.counter(name, unit, "help", 1);
        assertEquals("# EOF\n", out.render());
    }

    @Test
    void aSampleDisagreeingWithItsFamilyTypeIsDroppedNotMixedIn() {
        OpenMetricsText out = new OpenMetricsText();
        out.gauge("cubekvm_x", "", "x", 1, "a", "1");
        out.counter("cubekvm_x", "", "x", 2, "a", "2");
        out.gauge("cubekvm_y", "", "y", 1, "le", "1");
        out.gauge("cubekvm_z", "", "z", 1, "odd");
        String text = out.render();
        assertFalse(text.contains("_total"), text);
        assertFalse(text.contains("cubekvm_y") || text.contains("cubekvm_z"), text);
    }

    @Test
    void acceptDecidesTheContentTypeOnly() {
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.contentType(null));
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.contentType(""));
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.contentType(
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        assertEquals(ExpositionFormat.PROMETHEUS, ExpositionFormat.contentType("text/plain;version=0.0.4"));
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.contentType("*/*"));
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.contentType("x".repeat(5000) + "text/plain"));
    }
}
