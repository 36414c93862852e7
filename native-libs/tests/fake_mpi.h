/*
 * The fake vendor MPI (libfakempi.so): every MPI function the sg2002 backend binds, built for
 * the host. It records the calls, hands out scripted frames (H.264: SPS+PPS+IDR on a key
 * frame, with the IDR pack behind a 3-byte offset; P slices otherwise; MJPEG: one JPEG pack),
 * fails calls on request, and checks at teardown that everything was released in order.
 *
 * C tests link it and use the functions below. Java tests drive it through the folder named by
 * CUBEKVM_FAKE_MPI_DIR: it appends every call to calls.log, writes leaks ("none" or what is
 * still held) at every CVI_VB_Exit, fails the call named in a file "fail" once (then deletes
 * it), and while a file "stall" exists CVI_VENC_GetStream waits (after creating "stalled").
 * The HDMI signal is the backend's own: the files of CUBEKVM_HDMI_STATE.
 */
#ifndef CUBEKVM_FAKE_MPI_H
#define CUBEKVM_FAKE_MPI_H

#include <stddef.h>

#define FAKE_MPI_ERROR ((int)0xC0078001)
#define FAKE_MPI_TIMEOUT ((int)0xC007800E)

void fake_mpi_reset(void);
const char *fake_mpi_log(void);
/* How many times the function was called since the last reset. */
int fake_mpi_count(const char *function);
/* The next call of the function fails with FAKE_MPI_ERROR. */
void fake_mpi_fail_next(const char *function);
/* The next pulls of the VENC channel find no frame (FAKE_MPI_TIMEOUT). */
void fake_mpi_starve(int chn, int pulls);
/* Payload bytes of the next frames (default 100). */
void fake_mpi_frame_size(int bytes);
int fake_mpi_idr_requests(int chn);
/* The last rate control set on a VENC channel: gop, bitrate (kbps), fps, qfactor, mode. */
void fake_mpi_rate_control(int chn, unsigned *gop, unsigned *bitrate, unsigned *fps, unsigned *qfactor, int *mode);
/* The VENC channel's picture size. */
void fake_mpi_venc_size(int chn, unsigned *width, unsigned *height);
/* What is still held (and teardown order violations), as text into out; returns how many. */
int fake_mpi_leaks(char *out, size_t capacity);

#endif
