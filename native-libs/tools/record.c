/*
 * Produces the replay backend's recordings at build time: renders the synthetic desktop and
 * encodes it with the same software encoders the host backend uses.
 *
 *   record OUTPUT_DIR [MJPEG_FRAMES] [H264_FRAMES] [WIDTH] [HEIGHT]
 *
 * Writes mjpeg-WxH.ckr and h264-WxH.ckr (H.264: an IDR with SPS/PPS every 30 frames, so a
 * key-frame request jumps at most one second ahead). A codec whose library is missing is
 * skipped with a message: the replay of that codec then reports itself unavailable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/codecs.h"
#include "../src/cubekvm.h"
#include "../src/encoder.h"
#include "../src/recording.h"
#include "synth.h"

#define FPS 30

static int record(const char *dir, int codec, int frames, int width, int height, uint8_t *picture,
                  uint8_t *frame_buffer, size_t capacity) {
    const char *name = codec == CKVM_CODEC_MJPEG ? "mjpeg" : "h264";
    char problem[512];
    if (ckvm_codec_problem(codec, problem, sizeof problem)) {
        fprintf(stderr, "record: skipping the %s recording: %s\n", name, problem);
        return 0;
    }
    char path[4096], temporary[4200];
    snprintf(path, sizeof path, "%s/%s-%dx%d.ckr", dir, name, width, height);
    snprintf(temporary, sizeof temporary, "%s.tmp", path);
    /* Moderate settings keep the bundle small; the replay is about the frame path, not the picture. */
    ckvm_params params = {codec, FPS, 60, 1500, 30, CKVM_RC_CBR};
    ckvm_encoder *encoder = NULL;
    int rc = ckvm_encoder_open(&params, &encoder);
    if (rc != 0) {
        fprintf(stderr, "record: cannot open the %s encoder: %s\n", name, strerror(-rc));
        return 1;
    }
    ckvm_recording_writer writer;
    rc = ckvm_recording_create(&writer, temporary, codec, width, height, FPS);
    if (rc != 0) {
        fprintf(stderr, "record: cannot create %s: %s\n", temporary, strerror(-rc));
        ckvm_encoder_close(encoder);
        return 1;
    }
    size_t total = 0;
    for (int i = 0; i < frames && rc == 0; i++) {
        ckvm_synth_render(picture, width, height, width * 4, i);
        int64_t result = ckvm_encoder_encode(encoder, picture, width, height, width * 4, (int64_t)i * 1000 / FPS,
                                             frame_buffer, capacity);
        if (result <= 0) {
            fprintf(stderr, "record: encoding %s frame %d failed: %s\n", name, i,
                    result == 0 ? "no output" : strerror((int)-result));
            rc = -EIO;
            break;
        }
        uint32_t size = (uint32_t)(result & 0x7fffffff);
        rc = ckvm_recording_append(&writer, frame_buffer, size, (result & CKVM_RESULT_KEY) != 0);
        total += size;
    }
    int finished = ckvm_recording_finish(&writer);
    ckvm_encoder_close(encoder);
    if (rc != 0 || finished != 0 || rename(temporary, path) != 0) {
        fprintf(stderr, "record: writing %s failed\n", path);
        remove(temporary);
        return 1;
    }
    printf("record: %s: %d frames, %zu bytes\n", path, frames, total);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: record OUTPUT_DIR [MJPEG_FRAMES] [H264_FRAMES] [WIDTH] [HEIGHT]\n");
        return 2;
    }
    /* MJPEG frames are ~40 KB each: fewer of them keep the bundle small. */
    int mjpeg_frames = argc > 2 ? atoi(argv[2]) : 90;
    int h264_frames = argc > 3 ? atoi(argv[3]) : 150;
    int width = argc > 4 ? atoi(argv[4]) : 1280;
    int height = argc > 5 ? atoi(argv[5]) : 720;
    if (mjpeg_frames < 1 || h264_frames < 1 || width < 320 || height < 240 || (width & 1) || (height & 1)) {
        fprintf(stderr, "record: bad frames/size\n");
        return 2;
    }
    size_t picture_bytes = (size_t)width * (size_t)height * 4;
    size_t capacity = (size_t)ckvm_max_frame_bytes(CKVM_CODEC_H264, width, height);
    uint8_t *picture = malloc(picture_bytes);
    uint8_t *frame_buffer = malloc(capacity);
    if (picture == NULL || frame_buffer == NULL) {
        return 1;
    }
    int failed = record(argv[1], CKVM_CODEC_MJPEG, mjpeg_frames, width, height, picture, frame_buffer, capacity);
    failed |= record(argv[1], CKVM_CODEC_H264, h264_frames, width, height, picture, frame_buffer, capacity);
    free(picture);
    free(frame_buffer);
    return failed;
}
