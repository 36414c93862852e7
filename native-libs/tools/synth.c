#include "synth.h"

#include <stddef.h>

static void fill(uint8_t *bgrx, int stride, int x0, int y0, int w, int h, uint32_t rgb) {
    for (int y = y0; y < y0 + h; y++) {
        uint8_t *p = bgrx + (size_t)y * (size_t)stride + (size_t)x0 * 4;
        for (int x = 0; x < w; x++, p += 4) {
            p[0] = (uint8_t)rgb;
            p[1] = (uint8_t)(rgb >> 8);
            p[2] = (uint8_t)(rgb >> 16);
            p[3] = 0xff;
        }
    }
}

static uint32_t hash(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

void ckvm_synth_render(uint8_t *bgrx, int width, int height, int stride, int frame) {
    for (int y = 0; y < height; y++) {
        uint32_t shade = (uint32_t)(y * 96 / height);
        fill(bgrx, stride, 0, y, width, 1, (16 + shade / 3) << 16 | (32 + shade / 2) << 8 | (64 + shade));
    }
    /* A window with a title bar and "text": 8x12 glyph cells, on or off by a hash. */
    int wx = width / 8, wy = height / 8, ww = width * 3 / 4, wh = height * 3 / 4;
    fill(bgrx, stride, wx, wy, ww, wh, 0xf0f0f0);
    fill(bgrx, stride, wx, wy, ww, 24, 0x3060a0);
    for (int line = 0; line * 24 + 40 < wh - 12; line++) {
        int length = (int)(hash((uint32_t)line) % (uint32_t)(ww / 16));
        for (int column = 0; column < length; column++) {
            uint32_t bits = hash((uint32_t)(line * 977 + column));
            if ((bits & 7) == 0) {
                continue; /* a space */
            }
            int gx = wx + 8 + column * 8, gy = wy + 40 + line * 24;
            fill(bgrx, stride, gx + 1, gy + 2, 5, 1 + (int)(bits >> 8) % 9, 0x202020);
        }
    }
    /* The bouncing box: moves 6 px per frame horizontally, 4 vertically. */
    int bw = width / 12, bh = height / 10;
    int span_x = width - bw, span_y = height - bh;
    int px = (frame * 6) % (2 * span_x), py = (frame * 4) % (2 * span_y);
    px = px < span_x ? px : 2 * span_x - px;
    py = py < span_y ? py : 2 * span_y - py;
    fill(bgrx, stride, px, py, bw, bh, 0xe04020);
    /* A 16-bit frame counter as blocks in the corner. */
    for (int bit = 0; bit < 16; bit++) {
        fill(bgrx, stride, width - 16 * 10 + bit * 10, height - 14, 8, 10,
             (frame >> (15 - bit)) & 1 ? 0x40ff40 : 0x204020);
    }
}
