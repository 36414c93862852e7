#ifndef CUBEKVM_SYNTH_H
#define CUBEKVM_SYNTH_H

#include <stdint.h>

/*
 * A synthetic desktop in BGRX: a gradient background, a window with lines of glyph-like
 * blocks, a bouncing box and a frame counter, so consecutive frames differ a little, as a
 * real screen does. Deterministic for a given frame number.
 */
void ckvm_synth_render(uint8_t *bgrx, int width, int height, int stride, int frame);

#endif
