#include "jpeg_encoder.h"

#include <errno.h>
#include <string.h>

#include "cubekvm.h"

int ckvm_jpeg_init(ckvm_jpeg_encoder *encoder, int quality) {
    memset(encoder, 0, sizeof *encoder);
    if (!ckvm_codec_available(CKVM_CODEC_MJPEG)) {
        return -ELIBACC;
    }
    encoder->handle = ckvm_turbojpeg_api()->init_compress();
    if (encoder->handle == NULL) {
        return -ENOMEM;
    }
    encoder->quality = quality;
    return 0;
}

int64_t ckvm_jpeg_encode(ckvm_jpeg_encoder *encoder, const uint8_t *bgrx, int width, int height, int stride,
                         uint8_t *dst, size_t capacity) {
    const ckvm_turbojpeg *tj = ckvm_turbojpeg_api();
    unsigned long bound = tj->buf_size(width, height, TJSAMP_420);
    if (bound == (unsigned long)-1) {
        return -EINVAL;
    }
    /*
     * TJFLAG_NOREALLOC makes libturbojpeg trust that the buffer holds tjBufSize() bytes, so a
     * smaller target is encoded into a scratch buffer (allocated once per size) and copied.
     */
    bool direct = capacity >= bound;
    unsigned char *out = dst;
    if (!direct) {
        if (encoder->scratch_bytes < bound) {
            tj->free(encoder->scratch);
            encoder->scratch = tj->alloc((int)bound);
            encoder->scratch_bytes = encoder->scratch == NULL ? 0 : bound;
            if (encoder->scratch == NULL) {
                return -ENOMEM;
            }
        }
        out = encoder->scratch;
    }
    unsigned long size = bound;
    /* 4:2:0 and the fast DCT: what MJPEG streamers use; the picture is a screen, not a photo. */
    if (tj->compress2(encoder->handle, bgrx, width, stride, height, TJPF_BGRX, &out, &size, TJSAMP_420,
                      encoder->quality, TJFLAG_NOREALLOC | TJFLAG_FASTDCT) != 0) {
        return -EIO;
    }
    if (!direct) {
        if (size > capacity) {
            return -ENOBUFS;
        }
        memcpy(dst, out, size);
    }
    return (int64_t)size | CKVM_RESULT_KEY;
}

void ckvm_jpeg_destroy(ckvm_jpeg_encoder *encoder) {
    if (encoder->handle != NULL) {
        const ckvm_turbojpeg *tj = ckvm_turbojpeg_api();
        tj->destroy(encoder->handle);
        tj->free(encoder->scratch);
    }
    memset(encoder, 0, sizeof *encoder);
}
