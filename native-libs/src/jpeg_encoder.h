#ifndef CUBEKVM_JPEG_ENCODER_H
#define CUBEKVM_JPEG_ENCODER_H

#include <stddef.h>
#include <stdint.h>

#include "codecs.h"

/* One libturbojpeg compressor and its scratch buffer, reused for every frame. */
typedef struct {
    tjhandle handle;
    int quality;
    unsigned char *scratch;      /* tjAlloc'd, for targets smaller than tjBufSize() */
    unsigned long scratch_bytes;
} ckvm_jpeg_encoder;

int ckvm_jpeg_init(ckvm_jpeg_encoder *encoder, int quality);

/* Encodes into dst; returns the size with CKVM_RESULT_KEY set, or -errno (-ENOBUFS: dst too small). */
int64_t ckvm_jpeg_encode(ckvm_jpeg_encoder *encoder, const uint8_t *bgrx, int width, int height, int stride,
                         uint8_t *dst, size_t capacity);

void ckvm_jpeg_destroy(ckvm_jpeg_encoder *encoder);

#endif
