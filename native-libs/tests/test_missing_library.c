/*
 * A missing codec library disables that codec only, and says which library and how to install
 * it: openh264 really missing (a file name that does not exist), libturbojpeg switched off the
 * way the Java tests do it (setCodecDisabled0) and by CUBEKVM_DISABLE_CODECS.
 */
#include <errno.h>
#include <string.h>

#include "../src/codecs.h"
#include "../src/encoder.h"
#include "check.h"

int main(void) {
    /* Must happen before the first bind: the result of a bind is kept for the process. */
    setenv("CUBEKVM_OPENH264_LIBRARY", "libopenh264-missing.so.7", 1);
    char problem[512];

    CHECK(!ckvm_codec_available(CKVM_CODEC_H264), "H.264 available without its library");
    CHECK(ckvm_codec_problem(CKVM_CODEC_H264, problem, sizeof problem), "no problem reported");
    CHECK(strstr(problem, "libopenh264-missing.so.7") != NULL, "problem does not name the library: %s", problem);
    CHECK(strstr(problem, "sudo apt-get install libopenh264-dev") != NULL, "no install command: %s", problem);
    ckvm_params h264 = {CKVM_CODEC_H264, 30, 80, 4000, 300, CKVM_RC_CBR};
    ckvm_encoder *encoder = NULL;
    CHECK(ckvm_encoder_open(&h264, &encoder) == -ELIBACC, "H.264 encoder opened without its library");

    /* The other codec is unaffected. */
    CHECK(ckvm_codec_available(CKVM_CODEC_MJPEG), "MJPEG lost with openh264");
    CHECK(!ckvm_codec_problem(CKVM_CODEC_MJPEG, problem, sizeof problem), "MJPEG reports a problem");

    /* Simulated missing libturbojpeg, and back. */
    CHECK(ckvm_codec_set_disabled(CKVM_CODEC_MJPEG, true) == 0, "disable");
    CHECK(!ckvm_codec_available(CKVM_CODEC_MJPEG), "disabled MJPEG available");
    CHECK(ckvm_codec_problem(CKVM_CODEC_MJPEG, problem, sizeof problem), "no problem for disabled MJPEG");
    CHECK(strstr(problem, "libturbojpeg.so.0") != NULL && strstr(problem, "libturbojpeg0-dev") != NULL,
          "problem: %s", problem);
    ckvm_params mjpeg = {CKVM_CODEC_MJPEG, 30, 80, 4000, 300, CKVM_RC_CBR};
    CHECK(ckvm_encoder_open(&mjpeg, &encoder) == -ELIBACC, "disabled MJPEG opened");
    CHECK(ckvm_codec_set_disabled(CKVM_CODEC_MJPEG, false) == 0, "enable");
    CHECK(ckvm_codec_available(CKVM_CODEC_MJPEG), "MJPEG not back");

    setenv("CUBEKVM_DISABLE_CODECS", "h264, mjpeg", 1);
    CHECK(!ckvm_codec_available(CKVM_CODEC_MJPEG), "CUBEKVM_DISABLE_CODECS ignored");
    setenv("CUBEKVM_DISABLE_CODECS", "h264", 1);
    CHECK(ckvm_codec_available(CKVM_CODEC_MJPEG), "CUBEKVM_DISABLE_CODECS=h264 disabled MJPEG");
    CHECK(ckvm_codec_set_disabled(7, true) == -EINVAL, "unknown codec accepted");
    printf("test_missing_library: ok\n");
    return 0;
}
