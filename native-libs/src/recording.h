/*
 * Recordings of encoded frames, the input of the replay backend: what a hardware encoder would
 * hand over, at no encoding cost. File format (little endian):
 *
 *   header, 32 bytes: "CKVMREC1" | u32 codec | u32 width | u32 height | u32 fps | u32 frames | u32 0
 *   per frame:        u32 size | u8 flags (bit 0: key frame) | size bytes (JPEG, or Annex-B H.264)
 *
 * The reader indexes the frames once and reads each one with pread straight into the caller's
 * buffer (the one copy): the file stays in the kernel's page cache and never counts toward the
 * process's resident set, just as frames from a hardware encoder would not.
 */
#ifndef CUBEKVM_RECORDING_H
#define CUBEKVM_RECORDING_H

#include <stdint.h>
#include <stdio.h>

#define CKVM_RECORDING_MAGIC "CKVMREC1"
#define CKVM_RECORDING_HEADER_BYTES 32
#define CKVM_RECORDING_FLAG_KEY 1

/* Replay info fields (replayInfo0), mirrored by Java. */
#define CKVM_REPLAY_CODEC 0
#define CKVM_REPLAY_WIDTH 1
#define CKVM_REPLAY_HEIGHT 2
#define CKVM_REPLAY_FPS 3
#define CKVM_REPLAY_FRAMES 4
#define CKVM_REPLAY_KEY_FRAMES 5
#define CKVM_REPLAY_MAX_FRAME_BYTES 6
#define CKVM_REPLAY_POSITION 7

typedef struct ckvm_replay ckvm_replay;

/* -errno from open/read; -EBADMSG for a file that is not a valid recording. */
int ckvm_replay_open(const char *path, ckvm_replay **out);

int ckvm_replay_valid(const ckvm_replay *replay);

/* One of CKVM_REPLAY_*; -EINVAL for an unknown field. */
int64_t ckvm_replay_info(const ckvm_replay *replay, int field);

/*
 * Copies the next frame into dst (the one copy of the frame path) and advances, wrapping
 * around at the end (the first frame is always a key frame). Returns size | CKVM_RESULT_KEY,
 * -ENOBUFS when dst is too small (the position then stays) or -errno when reading fails.
 */
int64_t ckvm_replay_next(ckvm_replay *replay, uint8_t *dst, size_t capacity);

/* Makes the next frame the next recorded key frame (no change when it already is one). */
int ckvm_replay_seek_key(ckvm_replay *replay);

void ckvm_replay_close(ckvm_replay *replay);

/* Writing, for the recorder tool and the tests. */
typedef struct {
    FILE *file;
    uint32_t frames;
} ckvm_recording_writer;

int ckvm_recording_create(ckvm_recording_writer *writer, const char *path, int codec, int width, int height,
                          int fps);
int ckvm_recording_append(ckvm_recording_writer *writer, const uint8_t *data, uint32_t size, int key);
/* Writes the frame count and closes; returns -errno on a write error. */
int ckvm_recording_finish(ckvm_recording_writer *writer);

#endif
