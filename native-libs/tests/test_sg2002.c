/*
 * The sg2002 backend against the fake MPI (CUBEKVM_MPI_LIBRARIES names libfakempi.so, which
 * this test also links to script it): pipeline start order, frames copied once (pack offsets
 * honoured), IDR on request, settings applied in place, VPSS scaling, HDMI loss and recovery
 * at a new size, errors and teardown without leaks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/cubekvm.h"
#include "../src/sg2002.h"
#include "check.h"
#include "fake_mpi.h"

static char hdmi[] = "/tmp/cubekvm-hdmi-XXXXXX";
static uint8_t frame[4 << 20];

static void set_hdmi(int width, int height) {
    char path[256];
    const char *names[] = {"width", "height"};
    int values[] = {width, height};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", hdmi, names[i]);
        FILE *file = fopen(path, "w");
        CHECK(file != NULL, "cannot write %s", path);
        fprintf(file, "%d\n", values[i]);
        fclose(file);
    }
}

static void check_no_leaks(const char *when) {
    char leaks[1024];
    int count = fake_mpi_leaks(leaks, sizeof leaks);
    CHECK(count == 0, "%s: still held: %s\nlog:\n%s", when, leaks, fake_mpi_log());
}

/* The position of a call in the log, or -1. */
static long position(const char *call) {
    const char *at = strstr(fake_mpi_log(), call);
    return at == NULL ? -1 : at - fake_mpi_log();
}

static ckvm_params h264_params(void) {
    ckvm_params params = {CKVM_CODEC_H264, 30, 80, 2000, 30, CKVM_RC_CBR};
    return params;
}

static void test_start_order_and_frames(ckvm_sg_channel *h264) {
    int64_t result = ckvm_sg_next(h264, frame, sizeof frame, false, 100);
    CHECK(result > 0, "first pull: %lld\n%s", (long long)result, fake_mpi_log());
    CHECK(result_key(result), "the first frame is a key frame");
    int types[8];
    int count = nal_types(frame, result_size(result), types, 8);
    CHECK(count == 3 && types[0] == 7 && types[1] == 8 && types[2] == 5, "SPS, PPS, IDR; got %d NALs", count);
    CHECK(memchr(frame, 0xee, result_size(result)) == NULL, "the bytes before a pack's u32Offset were copied");
    const char *order[] = {"CVI_VB_SetConfig", "CVI_VB_Init", "CVI_SYS_Init", "CVI_VI_SetDevAttr dev=0 1280x720",
                           "CVI_VI_EnableDev", "CVI_VI_CreatePipe", "CVI_VI_StartPipe", "CVI_VI_EnableChn",
                           "CVI_VPSS_CreateGrp", "CVI_VPSS_StartGrp", "CVI_SYS_Bind 14/0/0 -> 6/0/0",
                           "CVI_VPSS_SetChnAttr 0/1 1280x720", "CVI_VPSS_EnableChn 0/1",
                           "CVI_VENC_CreateChn 1 type=96 1280x720 rc=1 fps=30 gop=30 kbps=2000",
                           "CVI_SYS_Bind 6/0/1 -> 7/0/1", "CVI_VENC_StartRecvFrame 1 -1", "CVI_VENC_GetStream 1 100",
                           "CVI_VENC_ReleaseStream 1"};
    long previous = -1;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        long at = position(order[i]);
        CHECK(at > previous, "%s missing or out of order in:\n%s", order[i], fake_mpi_log());
        previous = at;
    }
    result = ckvm_sg_next(h264, frame, sizeof frame, false, 100);
    CHECK(result > 0 && !result_key(result), "the second frame is a P frame");
    CHECK(nal_types(frame, result_size(result), types, 8) == 1 && types[0] == 1, "one P slice");
    CHECK(ckvm_sg_info(h264, CKVM_SG_WIDTH) == 1280 && ckvm_sg_info(h264, CKVM_SG_HEIGHT) == 720, "frame size");
    CHECK(fake_mpi_count("CVI_VB_Init") == 1, "the pipeline started once");
}

static void test_idr_on_request(ckvm_sg_channel *h264) {
    int before = fake_mpi_idr_requests(1);
    int64_t result = ckvm_sg_next(h264, frame, sizeof frame, true, 100);
    CHECK(fake_mpi_idr_requests(1) == before + 1, "CVI_VENC_RequestIDR was called");
    CHECK(result > 0 && result_key(result), "the frame after the request is an IDR");
}

static void test_reconfigure_in_place(ckvm_sg_channel *h264) {
    ckvm_params next = {CKVM_CODEC_H264, 15, 80, 4000, 60, CKVM_RC_VBR};
    CHECK(ckvm_sg_reconfigure(h264, &next) == 0, "reconfigure: %s", fake_mpi_log());
    unsigned gop, bitrate, fps, qfactor;
    int mode;
    fake_mpi_rate_control(1, &gop, &bitrate, &fps, &qfactor, &mode);
    CHECK(mode == 2 && gop == 60 && bitrate == 4000 && fps == 15, "VBR 60/4000/15, got %d %u/%u/%u", mode, gop,
          bitrate, fps);
    CHECK(fake_mpi_count("CVI_VENC_CreateChn") == 1 && fake_mpi_count("CVI_VENC_DestroyChn") == 0,
          "the channel was not re-created");
    CHECK(ckvm_sg_next(h264, frame, sizeof frame, false, 100) > 0, "frames continue");
    next.codec = CKVM_CODEC_MJPEG;
    CHECK(ckvm_sg_reconfigure(h264, &next) == -EINVAL, "the codec cannot change");
    next.codec = CKVM_CODEC_H264;
    next.gop = 0;
    CHECK(ckvm_sg_reconfigure(h264, &next) == -EINVAL, "a bad GOP is refused");
}

static ckvm_sg_channel *test_mjpeg_scaled(void) {
    ckvm_params params = {CKVM_CODEC_MJPEG, 10, 70, 2000, 30, CKVM_RC_CBR};
    ckvm_sg_channel *mjpeg = NULL;
    CHECK(ckvm_sg_open(&params, 641, 360, &mjpeg) == -EINVAL, "an odd width is refused");
    CHECK(ckvm_sg_open(&params, 640, 360, &mjpeg) == 0, "open MJPEG");
    int64_t result = ckvm_sg_next(mjpeg, frame, sizeof frame, false, 100);
    CHECK(result > 0 && result_key(result), "an MJPEG frame is a key frame");
    size_t size = result_size(result);
    CHECK(frame[0] == 0xff && frame[1] == 0xd8 && frame[size - 2] == 0xff && frame[size - 1] == 0xd9, "a JPEG");
    CHECK(frame[2] == 70, "quality 70 is the VENC Q factor, got %d", frame[2]);
    CHECK(position("CVI_VPSS_SetChnAttr 0/0 640x360") >= 0, "VPSS scales to 640x360:\n%s", fake_mpi_log());
    unsigned width, height;
    fake_mpi_venc_size(0, &width, &height);
    CHECK(width == 640 && height == 360, "VENC encodes 640x360");
    CHECK(fake_mpi_count("CVI_VB_Init") == 1, "the second channel shares the running pipeline");
    params.quality = 50;
    CHECK(ckvm_sg_reconfigure(mjpeg, &params) == 0, "quality change");
    result = ckvm_sg_next(mjpeg, frame, sizeof frame, false, 100);
    CHECK(result > 0 && frame[2] == 50, "quality 50 applied in place");
    return mjpeg;
}

static void test_signal_loss_and_recovery(ckvm_sg_channel *h264, ckvm_sg_channel *mjpeg) {
    set_hdmi(0, 0);
    CHECK(ckvm_sg_signal() == 0, "no signal");
    CHECK(ckvm_sg_next(h264, frame, sizeof frame, false, 100) == -ENOLINK, "no signal: -ENOLINK");
    check_no_leaks("after the signal was lost");
    CHECK(ckvm_sg_info(h264, CKVM_SG_RUNNING) == 0 && ckvm_sg_info(mjpeg, CKVM_SG_RUNNING) == 0, "both stopped");
    CHECK(ckvm_sg_next(mjpeg, frame, sizeof frame, false, 100) == -ENOLINK, "MJPEG too");

    set_hdmi(1920, 1080);
    CHECK(ckvm_sg_signal() == ((int64_t)1920 << 16 | 1080), "signal 1920x1080");
    int64_t result = ckvm_sg_next(h264, frame, sizeof frame, false, 100);
    CHECK(result > 0 && result_key(result), "after recovery the first frame is an IDR");
    CHECK(position("CVI_VI_SetDevAttr dev=0 1920x1080") >= 0, "VI restarted at the new size");
    CHECK(ckvm_sg_info(h264, CKVM_SG_WIDTH) == 1920, "H.264 follows the input size");
    result = ckvm_sg_next(mjpeg, frame, sizeof frame, false, 100);
    CHECK(result > 0 && ckvm_sg_info(mjpeg, CKVM_SG_WIDTH) == 640, "MJPEG keeps its scaled size");

    /* A new input size while running restarts the pipeline at that size. */
    set_hdmi(1280, 1024);
    result = ckvm_sg_next(mjpeg, frame, sizeof frame, false, 100);
    CHECK(result > 0, "MJPEG after the mode change");
    result = ckvm_sg_next(h264, frame, sizeof frame, false, 100);
    CHECK(result > 0 && result_key(result) && ckvm_sg_info(h264, CKVM_SG_WIDTH) == 1280, "H.264 at 1280x1024");
}

static void test_frame_too_large(ckvm_sg_channel *h264) {
    int requests = fake_mpi_idr_requests(1);
    fake_mpi_frame_size(2000);
    int64_t result = ckvm_sg_next(h264, frame, 1000, false, 100);
    fake_mpi_frame_size(100);
    CHECK(result == -ENOBUFS, "a frame larger than the buffer: -ENOBUFS, got %lld", (long long)result);
    CHECK(fake_mpi_idr_requests(1) == requests + 1, "an IDR follows the dropped frame");
    char leaks[512];
    fake_mpi_leaks(leaks, sizeof leaks);
    CHECK(strstr(leaks, "not released") == NULL, "the dropped stream was released: %s", leaks);
}

static void test_errors_tear_down(ckvm_sg_channel *h264, ckvm_sg_channel *mjpeg) {
    set_hdmi(0, 0);
    CHECK(ckvm_sg_next(h264, frame, sizeof frame, false, 100) == -ENOLINK, "stopped");
    set_hdmi(1280, 720);
    fake_mpi_fail_next("CVI_VENC_CreateChn");
    CHECK(ckvm_sg_next(h264, frame, sizeof frame, false, 100) == -EIO, "a failed start: -EIO");
    char problem[512];
    CHECK(ckvm_sg_problem(problem, sizeof problem) && strstr(problem, "CVI_VENC_CreateChn") != NULL &&
              strstr(problem, "0xc0078001") != NULL,
          "the problem names the call and the vendor code: %s", problem);
    check_no_leaks("after a failed start");
    CHECK(ckvm_sg_next(h264, frame, sizeof frame, false, 100) > 0, "the next pull starts again");

    fake_mpi_fail_next("CVI_VI_StartPipe");
    set_hdmi(1920, 1080);
    CHECK(ckvm_sg_next(mjpeg, frame, sizeof frame, false, 100) == -EIO, "VI failing");
    check_no_leaks("after VI failed");
    CHECK(ckvm_sg_next(mjpeg, frame, sizeof frame, false, 100) > 0, "MJPEG again");

    fake_mpi_starve(1, 1000);
    int64_t result = 0;
    int empty = 0;
    while ((result = ckvm_sg_next(h264, frame, sizeof frame, false, 5)) == 0) {
        empty++;
    }
    fake_mpi_starve(1, 0);
    CHECK(result == -EIO && empty == 99, "gives up after 100 empty pulls: %lld after %d", (long long)result, empty);
    CHECK(ckvm_sg_problem(problem, sizeof problem) && strstr(problem, "no frame") != NULL, "says so: %s", problem);
    check_no_leaks("after VENC stopped delivering");
}

int main(void) {
    CHECK(mkdtemp(hdmi) != NULL, "mkdtemp");
    setenv("CUBEKVM_HDMI_STATE", hdmi, 1);
    set_hdmi(1280, 720);
    CHECK(getenv("CUBEKVM_MPI_LIBRARIES") != NULL, "CUBEKVM_MPI_LIBRARIES must name the fake MPI");
    fake_mpi_reset();
    CHECK(ckvm_sg_available(), "the fake MPI binds");

    ckvm_params params = h264_params();
    ckvm_sg_channel *h264 = NULL;
    CHECK(ckvm_sg_open(&params, 0, 0, &h264) == 0 && ckvm_sg_valid(h264), "open H.264");
    ckvm_sg_channel *second = NULL;
    CHECK(ckvm_sg_open(&params, 0, 0, &second) == -EBUSY, "one channel per codec");
    CHECK(fake_mpi_count("CVI_VB_Init") == 0, "nothing starts before the first pull");

    test_start_order_and_frames(h264);
    test_idr_on_request(h264);
    test_reconfigure_in_place(h264);
    ckvm_sg_channel *mjpeg = test_mjpeg_scaled();
    test_signal_loss_and_recovery(h264, mjpeg);
    test_frame_too_large(h264);
    test_errors_tear_down(h264, mjpeg);

    ckvm_sg_close(h264);
    CHECK(fake_mpi_count("CVI_VB_Exit") >= 1, "ran");
    CHECK(ckvm_sg_info(mjpeg, CKVM_SG_RUNNING) == 1 || ckvm_sg_next(mjpeg, frame, sizeof frame, false, 100) > 0,
          "MJPEG keeps running after H.264 closed");
    ckvm_sg_close(mjpeg);
    check_no_leaks("after both channels closed");
    const char *log = fake_mpi_log();
    size_t length = strlen(log);
    CHECK(length > 12 && strcmp(log + length - 12, "CVI_VB_Exit\n") == 0, "VB exits last:\n%s", log);

    char path[256];
    snprintf(path, sizeof path, "%s/width", hdmi);
    unlink(path);
    snprintf(path, sizeof path, "%s/height", hdmi);
    unlink(path);
    rmdir(hdmi);
    printf("test_sg2002: ok\n");
    return 0;
}
