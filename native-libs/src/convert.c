#include "convert.h"

#include <stddef.h>

/* Fixed-point BT.601 (studio swing) coefficients scaled by 256, as in libyuv/ffmpeg. */
static inline uint8_t luma(int r, int g, int b) {
    return (uint8_t)(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
}

static inline uint8_t chroma_u(int r, int g, int b) {
    return (uint8_t)(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
}

static inline uint8_t chroma_v(int r, int g, int b) {
    return (uint8_t)(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
}

void ckvm_bgrx_to_i420(const uint8_t *bgrx, int width, int height, int stride, uint8_t *y, uint8_t *u,
                       uint8_t *v) {
    int chroma_width = width / 2;
    /* Two rows per pass so each chroma sample averages its 2x2 block from the source once. */
    for (int row = 0; row < height; row += 2) {
        const uint8_t *top = bgrx + (size_t)row * (size_t)stride;
        const uint8_t *bottom = top + stride;
        uint8_t *y_top = y + (size_t)row * (size_t)width;
        uint8_t *y_bottom = y_top + width;
        uint8_t *u_row = u + (size_t)(row / 2) * (size_t)chroma_width;
        uint8_t *v_row = v + (size_t)(row / 2) * (size_t)chroma_width;
        for (int column = 0; column < width; column += 2) {
            const uint8_t *a = top + column * 4;
            const uint8_t *b = a + 4;
            const uint8_t *c = bottom + column * 4;
            const uint8_t *d = c + 4;
            y_top[column] = luma(a[2], a[1], a[0]);
            y_top[column + 1] = luma(b[2], b[1], b[0]);
            y_bottom[column] = luma(c[2], c[1], c[0]);
            y_bottom[column + 1] = luma(d[2], d[1], d[0]);
            int r = (a[2] + b[2] + c[2] + d[2] + 2) >> 2;
            int g = (a[1] + b[1] + c[1] + d[1] + 2) >> 2;
            int bl = (a[0] + b[0] + c[0] + d[0] + 2) >> 2;
            u_row[column / 2] = chroma_u(r, g, bl);
            v_row[column / 2] = chroma_v(r, g, bl);
        }
    }
}
