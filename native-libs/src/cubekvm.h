/*
 * Shared definitions of libcubekvm. Everything here is internal: the library exports only
 * JNI_OnLoad (natives are registered from a table), so these names never leak to the JVM.
 */
#ifndef CUBEKVM_H
#define CUBEKVM_H

#include <stddef.h>
#include <stdint.h>

/* Bumped whenever a native signature or a constant below changes; Java refuses a mismatch. */
#define CKVM_ABI_VERSION 3

/* Codec ids, mirrored by the Java class Native. */
#define CKVM_CODEC_MJPEG 0
#define CKVM_CODEC_H264 1
#define CKVM_CODEC_COUNT 2

/* Rate control ids, mirrored by Java. */
#define CKVM_RC_CBR 0
#define CKVM_RC_VBR 1

/* Result of an encode/replay step: size in the low 31 bits, key flag in bit 32. */
#define CKVM_RESULT_KEY ((int64_t)1 << 32)

#define CKVM_UNUSED(x) (void)(x)

/* Everything the host encoders need to know besides the picture size. */
typedef struct {
    int codec;
    int fps;          /* 1..60 */
    int quality;      /* JPEG 10..100 */
    int bitrate_kbps; /* H.264 100..20000 */
    int gop;          /* H.264 frames between IDRs, 1..600 */
    int rate_control; /* CKVM_RC_* */
} ckvm_params;

/* Checks ranges; returns 0 or -EINVAL. */
int ckvm_params_check(const ckvm_params *params);

/* Upper bound of one encoded frame of this size (what Java sizes its target buffers with). */
int64_t ckvm_max_frame_bytes(int codec, int width, int height);

/* CLOCK_REALTIME in microseconds: the frame time stamps of the API are epoch micros. */
int64_t ckvm_epoch_micros(void);

#endif
