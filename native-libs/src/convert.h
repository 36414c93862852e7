#ifndef CUBEKVM_CONVERT_H
#define CUBEKVM_CONVERT_H

#include <stdint.h>

/*
 * BGRX (little-endian 32-bit XRGB, what the frame sources write) to planar I420, BT.601
 * limited range (what H.264 decoders assume without VUI colour information). Width and height
 * must be even; planes are tightly packed: y is width*height, u and v are (width/2)*(height/2).
 */
void ckvm_bgrx_to_i420(const uint8_t *bgrx, int width, int height, int stride, uint8_t *y, uint8_t *u,
                       uint8_t *v);

#endif
