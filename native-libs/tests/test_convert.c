/* BGRX -> I420: known colours land on their BT.601 limited-range values, chroma is averaged. */
#include <string.h>

#include "../src/convert.h"
#include "check.h"

static void pixel(uint8_t *p, int r, int g, int b) {
    p[0] = (uint8_t)b;
    p[1] = (uint8_t)g;
    p[2] = (uint8_t)r;
    p[3] = 0xff;
}

static int near(int actual, int expected) {
    return actual >= expected - 1 && actual <= expected + 1;
}

int main(void) {
    enum { W = 4, H = 2 };
    uint8_t bgrx[W * H * 4];
    /* Left 2x2 block white, right 2x2 block pure red. */
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            if (x < 2) {
                pixel(bgrx + (y * W + x) * 4, 255, 255, 255);
            } else {
                pixel(bgrx + (y * W + x) * 4, 255, 0, 0);
            }
        }
    }
    uint8_t y[W * H], u[W * H / 4], v[W * H / 4];
    memset(y, 0, sizeof y);
    ckvm_bgrx_to_i420(bgrx, W, H, W * 4, y, u, v);
    CHECK(near(y[0], 235), "white luma %d", y[0]);
    CHECK(near(u[0], 128) && near(v[0], 128), "white chroma %d %d", u[0], v[0]);
    CHECK(near(y[2], 82) && near(y[W + 3], 82), "red luma %d %d", y[2], y[W + 3]);
    CHECK(near(u[1], 90) && near(v[1], 240), "red chroma %d %d", u[1], v[1]);

    /* A stride wider than the row: padding bytes must be ignored. */
    enum { STRIDE = W * 4 + 16 };
    uint8_t padded[STRIDE * H];
    memset(padded, 0xAB, sizeof padded);
    for (int row = 0; row < H; row++) {
        memcpy(padded + row * STRIDE, bgrx + row * W * 4, W * 4);
    }
    uint8_t y2[W * H], u2[W * H / 4], v2[W * H / 4];
    ckvm_bgrx_to_i420(padded, W, H, STRIDE, y2, u2, v2);
    CHECK(memcmp(y, y2, sizeof y) == 0 && memcmp(u, u2, sizeof u) == 0 && memcmp(v, v2, sizeof v) == 0,
          "stride changed the result");
    printf("test_convert: ok\n");
    return 0;
}
