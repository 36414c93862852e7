/*
 * Recordings and their replay: frames come back in order and wrap around, a key-frame request
 * jumps to the next recorded key frame, a small target is refused without moving, malformed
 * files are rejected; and the recordings the build made (argument: their folder) are valid:
 * H.264 with SPS/PPS/IDR every 30 frames, MJPEG all key frames.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "../src/cubekvm.h"
#include "../src/recording.h"
#include "check.h"

static char path[4096];

static void write_file(const uint8_t *data, size_t size) {
    FILE *file = fopen(path, "wb");
    CHECK(file != NULL && fwrite(data, 1, size, file) == size && fclose(file) == 0, "write %s", path);
}

static void write_sample(int first_key) {
    ckvm_recording_writer writer;
    CHECK(ckvm_recording_create(&writer, path, CKVM_CODEC_H264, 320, 240, 30) == 0, "create");
    for (int i = 0; i < 10; i++) {
        uint8_t data[64];
        memset(data, i, sizeof data);
        int key = i == 0 ? first_key : i % 4 == 0;
        CHECK(ckvm_recording_append(&writer, data, (uint32_t)(10 + i), key) == 0, "append");
    }
    CHECK(ckvm_recording_finish(&writer) == 0, "finish");
}

static void check_format(void) {
    write_sample(1);
    ckvm_replay *replay = NULL;
    CHECK(ckvm_replay_open(path, &replay) == 0, "open");
    CHECK(ckvm_replay_info(replay, CKVM_REPLAY_FRAMES) == 10, "frames");
    CHECK(ckvm_replay_info(replay, CKVM_REPLAY_KEY_FRAMES) == 3, "key frames (0, 4, 8)");
    CHECK(ckvm_replay_info(replay, CKVM_REPLAY_MAX_FRAME_BYTES) == 19, "max frame bytes");
    CHECK(ckvm_replay_info(replay, CKVM_REPLAY_WIDTH) == 320 && ckvm_replay_info(replay, CKVM_REPLAY_FPS) == 30,
          "header");
    uint8_t frame[64];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 10; i++) {
            int64_t result = ckvm_replay_next(replay, frame, sizeof frame);
            CHECK(result_size(result) == (size_t)(10 + i) && frame[0] == i, "frame %d in round %d", i, round);
            CHECK(result_key(result) == (i == 0 || i % 4 == 0), "key flag of frame %d", i);
        }
    }
    /* Position 1 now; a key-frame request jumps to frame 4. */
    CHECK(result_size(ckvm_replay_next(replay, frame, sizeof frame)) == 10, "frame 0");
    CHECK(ckvm_replay_seek_key(replay) == 0, "seek");
    int64_t key = ckvm_replay_next(replay, frame, sizeof frame);
    CHECK(result_key(key) && frame[0] == 4, "after seek: frame %d", frame[0]);
    /* At a key frame already: no jump. */
    ckvm_replay_seek_key(replay); /* position 5 -> 8 */
    ckvm_replay_next(replay, frame, sizeof frame);
    ckvm_replay_next(replay, frame, sizeof frame); /* 9 */
    CHECK(ckvm_replay_seek_key(replay) == 0 && ckvm_replay_info(replay, CKVM_REPLAY_POSITION) == 0,
          "seek wraps to frame 0, position %lld", (long long)ckvm_replay_info(replay, CKVM_REPLAY_POSITION));
    CHECK(ckvm_replay_seek_key(replay) == 0 && ckvm_replay_info(replay, CKVM_REPLAY_POSITION) == 0,
          "seek at a key frame moved");
    /* Too small a target: refused, position unchanged. */
    CHECK(ckvm_replay_next(replay, frame, 5) == -ENOBUFS, "small target");
    CHECK(ckvm_replay_info(replay, CKVM_REPLAY_POSITION) == 0, "position moved on ENOBUFS");
    ckvm_replay_close(replay);
}

static void check_malformed(void) {
    ckvm_replay *replay = NULL;
    write_sample(0);
    CHECK(ckvm_replay_open(path, &replay) == -EBADMSG, "first frame not key accepted");

    write_sample(1);
    FILE *file = fopen(path, "rb");
    uint8_t data[4096];
    size_t size = fread(data, 1, sizeof data, file);
    fclose(file);
    write_file(data, size - 1);
    CHECK(ckvm_replay_open(path, &replay) == -EBADMSG, "truncated file accepted");
    write_file(data, 20);
    CHECK(ckvm_replay_open(path, &replay) == -EBADMSG, "short header accepted");
    uint8_t bad[4096];
    memcpy(bad, data, size);
    bad[0] = 'X';
    write_file(bad, size);
    CHECK(ckvm_replay_open(path, &replay) == -EBADMSG, "bad magic accepted");
    memcpy(bad, data, size);
    bad[32] = 0xff; bad[33] = 0xff; bad[34] = 0xff; bad[35] = 0x7f; /* first frame claims 2 GiB */
    write_file(bad, size);
    CHECK(ckvm_replay_open(path, &replay) == -EBADMSG, "oversized frame accepted");
    memcpy(bad, data, size);
    bad[24] = 0; bad[25] = 0; bad[26] = 0; bad[27] = 0; /* zero frames */
    write_file(bad, size);
    CHECK(ckvm_replay_open(path, &replay) == -EBADMSG, "empty recording accepted");
    CHECK(ckvm_replay_open("/nonexistent/recording.ckr", &replay) == -ENOENT, "missing file");
}

static void check_built(const char *dir, const char *name, int codec) {
    char file[4096];
    snprintf(file, sizeof file, "%s/%s-1280x720.ckr", dir, name);
    ckvm_replay *replay = NULL;
    int rc = ckvm_replay_open(file, &replay);
    CHECK(rc == 0, "the build's recording %s: %s", file, strerror(-rc));
    CHECK(ckvm_replay_info(replay, CKVM_REPLAY_CODEC) == codec, "codec of %s", file);
    int frames = (int)ckvm_replay_info(replay, CKVM_REPLAY_FRAMES);
    CHECK(frames >= 60, "%s has %d frames", file, frames);
    size_t capacity = (size_t)ckvm_replay_info(replay, CKVM_REPLAY_MAX_FRAME_BYTES);
    uint8_t *frame = malloc(capacity);
    for (int i = 0; i < frames; i++) {
        int64_t result = ckvm_replay_next(replay, frame, capacity);
        CHECK(result > 0, "%s frame %d", file, i);
        if (codec == CKVM_CODEC_MJPEG) {
            CHECK(result_key(result) && frame[0] == 0xFF && frame[1] == 0xD8, "%s frame %d is no JPEG", file, i);
        } else {
            int types[16];
            int count = nal_types(frame, result_size(result), types, 16);
            int key = i % 30 == 0;
            CHECK(result_key(result) == key, "%s frame %d key flag", file, i);
            CHECK(key ? count >= 3 && types[0] == 7 && types[1] == 8 && types[count - 1] == 5 : types[0] == 1,
                  "%s frame %d NAL types", file, i);
        }
    }
    free(frame);
    ckvm_replay_close(replay);
}

int main(int argc, char **argv) {
    snprintf(path, sizeof path, "/tmp/cubekvm-test-replay-%d.ckr", (int)getpid());
    check_format();
    check_malformed();
    unlink(path);
    CHECK(argc > 1, "usage: test_replay RECORDINGS_DIR");
    check_built(argv[1], "mjpeg", CKVM_CODEC_MJPEG);
    check_built(argv[1], "h264", CKVM_CODEC_H264);
    printf("test_replay: ok\n");
    return 0;
}
