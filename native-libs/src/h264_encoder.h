#ifndef CUBEKVM_H264_ENCODER_H
#define CUBEKVM_H264_ENCODER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codecs.h"
#include "cubekvm.h"

/*
 * An openh264 encoder for one picture size. The size is only known from the first frame
 * (settings may say "the source's size"), so the openh264 instance is created lazily and
 * re-created when the source's size changes.
 */
typedef struct {
    ISVCEncoder *encoder;
    ckvm_params params;
    int width;
    int height;
    uint8_t *i420;           /* conversion target, allocated once per picture size */
    size_t i420_bytes;
    bool force_idr;          /* a key frame was asked for before the encoder existed */
    bool reinit;             /* a setting changed that SetOption cannot apply */
    int64_t last_timestamp;  /* openh264's rate control needs strictly increasing times */
    /*
     * The frame rate openh264's rate control divides the bitrate by: the setting, or the rate
     * frames really come at when that is lower (a slow host, a picture that changes less often),
     * measured over CKVM_H264_RATE_FRAMES frames. Without it a 4 Mbit/s setting gave 3 Mbit/s when
     * only 23 frames a second could be encoded.
     */
    float rc_fps;
    int64_t interval_sum_ms;
    int intervals;
} ckvm_h264_encoder;

#define CKVM_H264_RATE_FRAMES 15

int ckvm_h264_init(ckvm_h264_encoder *encoder, const ckvm_params *params);

/* Encodes into dst; returns the size (| CKVM_RESULT_KEY for an IDR) or -errno. */
int64_t ckvm_h264_encode(ckvm_h264_encoder *encoder, const uint8_t *bgrx, int width, int height, int stride,
                         int64_t timestamp_millis, uint8_t *dst, size_t capacity);

/* The next frame is an IDR, preceded by SPS and PPS. */
int ckvm_h264_force_idr(ckvm_h264_encoder *encoder);

/* fps, bitrate and GOP apply at once (SetOption); a rate-control change re-creates the encoder. */
int ckvm_h264_reconfigure(ckvm_h264_encoder *encoder, const ckvm_params *params);

void ckvm_h264_destroy(ckvm_h264_encoder *encoder);

#endif
