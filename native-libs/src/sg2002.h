/*
 * The device's video path: HDMI (LT6911 bridge, MIPI) -> VI -> VPSS (scaling) -> VENC, bound
 * in hardware through the vendor MPI, which is bound at run time with dlopen (mpi_mirror.h).
 * One H.264 and one MJPEG channel; each call to ckvm_sg_next copies one encoded frame once
 * into the caller's buffer. Starts no thread and never calls into Java.
 *
 * Signal: the stock firmware's kvm_system reads the LT6911 over I2C and writes the HDMI input
 * size to /tmp/kvm/width and /tmp/kvm/height; CUBEKVM_HDMI_STATE names another folder.
 * Libraries: CUBEKVM_MPI_LIBRARIES, a colon-separated list (default libsys.so:libvpu.so:libvenc.so,
 * found through LD_LIBRARY_PATH, else in /mnt/system/lib); tests point it at the fake MPI (tests/fake_mpi.c).
 */
#ifndef CUBEKVM_SG2002_H
#define CUBEKVM_SG2002_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cubekvm.h"

/* ckvm_sg_info fields, mirrored by Java (Native.SG_*). */
#define CKVM_SG_WIDTH 0           /* output width of the last frame (0 before the first) */
#define CKVM_SG_HEIGHT 1
#define CKVM_SG_MAX_FRAME_BYTES 2 /* the largest frame this channel hands over */
#define CKVM_SG_RUNNING 3         /* 1 while its VPSS/VENC channel runs */

/* Input sizes the pipeline accepts (the LT6911 delivers up to 1080p60 over MIPI). */
#define CKVM_SG_MAX_WIDTH 1920
#define CKVM_SG_MAX_HEIGHT 1080

typedef struct ckvm_sg_channel ckvm_sg_channel;

/* Binds the MPI libraries on first call; true when usable. Thread-safe. */
bool ckvm_sg_available(void);

/*
 * Why the MPI cannot be used, or what the last MPI call that failed was (function, channel,
 * vendor error code); false when there is nothing to tell.
 */
bool ckvm_sg_problem(char *out, size_t capacity);

/* The HDMI input as (width << 16 | height), 0 without a signal. */
int64_t ckvm_sg_signal(void);

/*
 * Opens the channel of params->codec (one per codec; -EBUSY for a second). width/height: the
 * output size VPSS scales to, 0 = the input's size. The pipeline starts at the first
 * ckvm_sg_next that sees a signal.
 */
int ckvm_sg_open(const ckvm_params *params, int width, int height, ckvm_sg_channel **out);

bool ckvm_sg_valid(const ckvm_sg_channel *channel);

/*
 * The next encoded frame, copied once into dst: size | CKVM_RESULT_KEY; 0 when none came
 * within timeout_ms; -ENOLINK without an HDMI signal (the pipeline is then stopped, and started
 * again when the signal returns, at the new input size); -ENOBUFS when the frame exceeds
 * capacity (the frame is dropped, the next one is an IDR); -EIO when an MPI call failed (see
 * ckvm_sg_problem; the pipeline was torn down). want_key asks VENC for an IDR (CVI_VENC_RequestIDR).
 */
int64_t ckvm_sg_next(ckvm_sg_channel *channel, uint8_t *dst, size_t capacity, bool want_key, int timeout_ms);

/* New fps / quality / bitrate / GOP / rate control, applied to a running VENC channel in place. */
int ckvm_sg_reconfigure(ckvm_sg_channel *channel, const ckvm_params *params);

int64_t ckvm_sg_info(const ckvm_sg_channel *channel, int field);

/* Stops the channel's part of the pipeline (and the shared part after the last channel). */
void ckvm_sg_close(ckvm_sg_channel *channel);

#endif
