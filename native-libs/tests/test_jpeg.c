/*
 * The MJPEG host encoder: a synthetic 1280x720 frame encodes to a JPEG that libturbojpeg
 * decodes again at the right size and colour; small targets go through the scratch buffer;
 * a target too small fails with -ENOBUFS; quality changes apply.
 */
#include <errno.h>
#include <string.h>
#include <turbojpeg.h>

#include "../src/encoder.h"
#include "../tools/synth.h"
#include "check.h"

enum { W = 1280, H = 720 };

static void decode_and_check(const uint8_t *jpeg, size_t size) {
    tjhandle decompressor = tjInitDecompress();
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    CHECK(tjDecompressHeader3(decompressor, jpeg, size, &width, &height, &subsampling, &colorspace) == 0,
          "header: %s", tjGetErrorStr2(decompressor));
    CHECK(width == W && height == H, "decoded size %dx%d", width, height);
    CHECK(subsampling == TJSAMP_420, "subsampling %d", subsampling);
    uint8_t *pixels = malloc((size_t)W * H * 4);
    CHECK(tjDecompress2(decompressor, jpeg, size, pixels, W, 0, H, TJPF_BGRX, 0) == 0, "decode: %s",
          tjGetErrorStr2(decompressor));
    /* The window's interior (light grey 0xf0f0f0) at a spot without glyphs or box. */
    const uint8_t *p = pixels + ((size_t)(H / 8 + 30) * W + (W * 7 / 8 - 4)) * 4;
    CHECK(p[0] > 220 && p[1] > 220 && p[2] > 220, "window pixel %d,%d,%d", p[2], p[1], p[0]);
    free(pixels);
    tjDestroy(decompressor);
}

int main(void) {
    uint8_t *picture = malloc((size_t)W * H * 4);
    ckvm_synth_render(picture, W, H, W * 4, 0);
    size_t capacity = (size_t)ckvm_max_frame_bytes(CKVM_CODEC_MJPEG, W, H);
    uint8_t *frame = malloc(capacity);

    ckvm_params params = {CKVM_CODEC_MJPEG, 30, 80, 4000, 300, CKVM_RC_CBR};
    ckvm_encoder *encoder = NULL;
    CHECK(ckvm_encoder_open(&params, &encoder) == 0, "open");

    /* The realistic bound is below tjBufSize: this goes through the scratch buffer. */
    int64_t result = ckvm_encoder_encode(encoder, picture, W, H, W * 4, 0, frame, capacity);
    CHECK(result > 0, "encode returned %lld", (long long)result);
    size_t size = result_size(result);
    CHECK(result_key(result), "a JPEG is always a key frame");
    CHECK(frame[0] == 0xFF && frame[1] == 0xD8 && frame[size - 2] == 0xFF && frame[size - 1] == 0xD9,
          "SOI/EOI markers");
    decode_and_check(frame, size);

    /* A target of tjBufSize is written directly; same bytes as through the scratch buffer. */
    size_t big = tjBufSize(W, H, TJSAMP_420);
    uint8_t *direct = malloc(big);
    int64_t direct_result = ckvm_encoder_encode(encoder, picture, W, H, W * 4, 0, direct, big);
    CHECK(direct_result == result && memcmp(direct, frame, size) == 0, "direct and scratch paths differ");

    /* Too small a target: an error, not an overflow. */
    int64_t small = ckvm_encoder_encode(encoder, picture, W, H, W * 4, 0, frame, 1000);
    CHECK(small == -ENOBUFS, "tiny target gave %lld", (long long)small);

    /* Lower quality, smaller frame, applied without reopening. */
    params.quality = 20;
    CHECK(ckvm_encoder_reconfigure(encoder, &params) == 0, "reconfigure");
    int64_t low = ckvm_encoder_encode(encoder, picture, W, H, W * 4, 0, frame, capacity);
    CHECK(low > 0 && result_size(low) < size * 3 / 4, "quality 20 gave %zu bytes, quality 80 %zu",
          result_size(low), size);

    /* Bad parameters are refused. */
    params.quality = 5;
    CHECK(ckvm_encoder_reconfigure(encoder, &params) == -EINVAL, "quality 5 accepted");
    printf("test_jpeg: ok, %zu bytes at quality 80, %zu at 20\n", size, result_size(low));
    ckvm_encoder_close(encoder);
    free(direct);
    free(frame);
    free(picture);
    return 0;
}
