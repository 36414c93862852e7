#include "encoder.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "h264_encoder.h"
#include "jpeg_encoder.h"

#define ENCODER_MAGIC 0x434b454eu /* "CKEN": catches a stale or foreign handle from Java */

struct ckvm_encoder {
    uint32_t magic;
    int codec;
    union {
        ckvm_jpeg_encoder jpeg;
        ckvm_h264_encoder h264;
    } u;
};

int ckvm_params_check(const ckvm_params *p) {
    if ((p->codec != CKVM_CODEC_MJPEG && p->codec != CKVM_CODEC_H264) || p->fps < 1 || p->fps > 60 ||
        p->quality < 10 || p->quality > 100 || p->bitrate_kbps < 100 || p->bitrate_kbps > 20000 || p->gop < 1 ||
        p->gop > 600 || (p->rate_control != CKVM_RC_CBR && p->rate_control != CKVM_RC_VBR)) {
        return -EINVAL;
    }
    return 0;
}

int64_t ckvm_max_frame_bytes(int codec, int width, int height) {
    if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
        return -EINVAL;
    }
    if (codec != CKVM_CODEC_MJPEG && codec != CKVM_CODEC_H264) {
        return -EINVAL;
    }
    /*
     * Raw 4:2:0 plus headroom: a screen compresses far below this with either codec, and the
     * rare frame that does not fit is dropped (-ENOBUFS) rather than sizing every buffer for
     * libturbojpeg's 3 bytes per pixel worst case.
     */
    return (int64_t)width * height * 3 / 2 + 65536;
}

int64_t ckvm_epoch_micros(void) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

int ckvm_encoder_open(const ckvm_params *params, ckvm_encoder **out) {
    int rc = ckvm_params_check(params);
    if (rc != 0) {
        return rc;
    }
    ckvm_encoder *encoder = calloc(1, sizeof *encoder);
    if (encoder == NULL) {
        return -ENOMEM;
    }
    encoder->codec = params->codec;
    rc = params->codec == CKVM_CODEC_MJPEG ? ckvm_jpeg_init(&encoder->u.jpeg, params->quality)
                                           : ckvm_h264_init(&encoder->u.h264, params);
    if (rc != 0) {
        free(encoder);
        return rc;
    }
    encoder->magic = ENCODER_MAGIC;
    *out = encoder;
    return 0;
}

bool ckvm_encoder_valid(const ckvm_encoder *encoder) {
    return encoder != NULL && encoder->magic == ENCODER_MAGIC;
}

int64_t ckvm_encoder_encode(ckvm_encoder *encoder, const uint8_t *bgrx, int width, int height, int stride,
                            int64_t timestamp_millis, uint8_t *dst, size_t capacity) {
    if (bgrx == NULL || dst == NULL || width <= 0 || height <= 0 || stride < width * 4) {
        return -EINVAL;
    }
    if (encoder->codec == CKVM_CODEC_MJPEG) {
        return ckvm_jpeg_encode(&encoder->u.jpeg, bgrx, width, height, stride, dst, capacity);
    }
    return ckvm_h264_encode(&encoder->u.h264, bgrx, width, height, stride, timestamp_millis, dst, capacity);
}

int ckvm_encoder_force_key(ckvm_encoder *encoder) {
    /* Every JPEG is a key frame. */
    return encoder->codec == CKVM_CODEC_H264 ? ckvm_h264_force_idr(&encoder->u.h264) : 0;
}

int ckvm_encoder_reconfigure(ckvm_encoder *encoder, const ckvm_params *params) {
    int rc = ckvm_params_check(params);
    if (rc != 0 || params->codec != encoder->codec) {
        return -EINVAL;
    }
    if (encoder->codec == CKVM_CODEC_MJPEG) {
        encoder->u.jpeg.quality = params->quality;
        return 0;
    }
    return ckvm_h264_reconfigure(&encoder->u.h264, params);
}

void ckvm_encoder_close(ckvm_encoder *encoder) {
    if (!ckvm_encoder_valid(encoder)) {
        return;
    }
    if (encoder->codec == CKVM_CODEC_MJPEG) {
        ckvm_jpeg_destroy(&encoder->u.jpeg);
    } else {
        ckvm_h264_destroy(&encoder->u.h264);
    }
    encoder->magic = 0;
    free(encoder);
}
