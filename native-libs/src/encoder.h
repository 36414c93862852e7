#ifndef CUBEKVM_ENCODER_H
#define CUBEKVM_ENCODER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cubekvm.h"

/* A host (software) encoder of one codec: what an EncoderChannel of the host backend drives. */
typedef struct ckvm_encoder ckvm_encoder;

/* -ELIBACC when the codec's library is missing, -EINVAL for bad parameters. */
int ckvm_encoder_open(const ckvm_params *params, ckvm_encoder **out);

/* True for a pointer that ckvm_encoder_open returned and that is not closed yet. */
bool ckvm_encoder_valid(const ckvm_encoder *encoder);

/*
 * Encodes one BGRX picture into dst. The picture's size may change between calls (the
 * encoder follows the source). Returns the size | CKVM_RESULT_KEY for a key frame, 0 when the
 * encoder produced nothing, or -errno (-ENOBUFS: dst is too small).
 */
int64_t ckvm_encoder_encode(ckvm_encoder *encoder, const uint8_t *bgrx, int width, int height, int stride,
                            int64_t timestamp_millis, uint8_t *dst, size_t capacity);

int ckvm_encoder_force_key(ckvm_encoder *encoder);

/* Applies fps, quality, bitrate, GOP and rate control; the codec cannot change. */
int ckvm_encoder_reconfigure(ckvm_encoder *encoder, const ckvm_params *params);

void ckvm_encoder_close(ckvm_encoder *encoder);

#endif
