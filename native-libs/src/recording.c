#include "recording.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cubekvm.h"

#define REPLAY_MAGIC 0x434b5250u /* "CKRP" */
#define FRAME_HEADER_BYTES 5

typedef struct {
    off_t offset; /* of the frame's bytes in the file */
    uint32_t size;
    uint8_t key;
} frame_entry;

struct ckvm_replay {
    uint32_t magic;
    int fd;
    off_t file_bytes;
    int codec;
    int width;
    int height;
    int fps;
    int frame_count;
    int key_frames;
    uint32_t max_frame_bytes;
    int next;
    frame_entry *frames;
};

static uint32_t read_u32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void write_u32(uint8_t *p, uint32_t value) {
    p[0] = (uint8_t)value;
    p[1] = (uint8_t)(value >> 8);
    p[2] = (uint8_t)(value >> 16);
    p[3] = (uint8_t)(value >> 24);
}

/* Reads exactly length bytes at offset; -EBADMSG when the file ends first. */
static int read_at(int fd, uint8_t *dst, size_t length, off_t offset) {
    while (length > 0) {
        ssize_t n = pread(fd, dst, length, offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            return -EBADMSG;
        }
        dst += n;
        length -= (size_t)n;
        offset += n;
    }
    return 0;
}

/* Checks the header and every frame against the file's size before anything is served. */
static int index_frames(ckvm_replay *r) {
    uint8_t header[CKVM_RECORDING_HEADER_BYTES];
    if (r->file_bytes < CKVM_RECORDING_HEADER_BYTES || read_at(r->fd, header, sizeof header, 0) != 0 ||
        memcmp(header, CKVM_RECORDING_MAGIC, 8) != 0) {
        return -EBADMSG;
    }
    uint32_t codec = read_u32(header + 8);
    uint32_t width = read_u32(header + 12);
    uint32_t height = read_u32(header + 16);
    uint32_t fps = read_u32(header + 20);
    uint32_t count = read_u32(header + 24);
    if (codec >= CKVM_CODEC_COUNT || width == 0 || width > 8192 || height == 0 || height > 8192 || fps == 0 ||
        fps > 240 || count == 0 || count > 1000000) {
        return -EBADMSG;
    }
    r->frames = calloc(count, sizeof *r->frames);
    if (r->frames == NULL) {
        return -ENOMEM;
    }
    off_t position = CKVM_RECORDING_HEADER_BYTES;
    for (uint32_t i = 0; i < count; i++) {
        uint8_t frame_header[FRAME_HEADER_BYTES];
        if (r->file_bytes - position < FRAME_HEADER_BYTES ||
            read_at(r->fd, frame_header, sizeof frame_header, position) != 0) {
            return -EBADMSG;
        }
        uint32_t size = read_u32(frame_header);
        uint8_t flags = frame_header[4];
        position += FRAME_HEADER_BYTES;
        if (size == 0 || size > 0x7fffffffu || r->file_bytes - position < (off_t)size) {
            return -EBADMSG;
        }
        r->frames[i].offset = position;
        r->frames[i].size = size;
        r->frames[i].key = (flags & CKVM_RECORDING_FLAG_KEY) != 0;
        r->key_frames += r->frames[i].key;
        if (size > r->max_frame_bytes) {
            r->max_frame_bytes = size;
        }
        position += size;
    }
    /* Wrapping around must land on a decodable frame. */
    if (!r->frames[0].key) {
        return -EBADMSG;
    }
    r->codec = (int)codec;
    r->width = (int)width;
    r->height = (int)height;
    r->fps = (int)fps;
    r->frame_count = (int)count;
    return 0;
}

int ckvm_replay_open(const char *path, ckvm_replay **out) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int rc = -errno;
        close(fd);
        return rc;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < CKVM_RECORDING_HEADER_BYTES) {
        close(fd);
        return -EBADMSG;
    }
    ckvm_replay *replay = calloc(1, sizeof *replay);
    if (replay == NULL) {
        close(fd);
        return -ENOMEM;
    }
    replay->fd = fd;
    replay->file_bytes = st.st_size;
    int rc = index_frames(replay);
    if (rc != 0) {
        free(replay->frames);
        close(fd);
        free(replay);
        return rc;
    }
    replay->magic = REPLAY_MAGIC;
    *out = replay;
    return 0;
}

int ckvm_replay_valid(const ckvm_replay *replay) {
    return replay != NULL && replay->magic == REPLAY_MAGIC;
}

int64_t ckvm_replay_info(const ckvm_replay *r, int field) {
    switch (field) {
    case CKVM_REPLAY_CODEC: return r->codec;
    case CKVM_REPLAY_WIDTH: return r->width;
    case CKVM_REPLAY_HEIGHT: return r->height;
    case CKVM_REPLAY_FPS: return r->fps;
    case CKVM_REPLAY_FRAMES: return r->frame_count;
    case CKVM_REPLAY_KEY_FRAMES: return r->key_frames;
    case CKVM_REPLAY_MAX_FRAME_BYTES: return r->max_frame_bytes;
    case CKVM_REPLAY_POSITION: return r->next;
    default: return -EINVAL;
    }
}

int64_t ckvm_replay_next(ckvm_replay *r, uint8_t *dst, size_t capacity) {
    const frame_entry *frame = &r->frames[r->next];
    if (frame->size > capacity) {
        return -ENOBUFS;
    }
    int rc = read_at(r->fd, dst, frame->size, frame->offset);
    if (rc != 0) {
        return rc;
    }
    r->next = r->next + 1 == r->frame_count ? 0 : r->next + 1;
    return (int64_t)frame->size | (frame->key ? CKVM_RESULT_KEY : 0);
}

int ckvm_replay_seek_key(ckvm_replay *r) {
    for (int i = 0; i < r->frame_count; i++) {
        int index = (r->next + i) % r->frame_count;
        if (r->frames[index].key) {
            r->next = index;
            return 0;
        }
    }
    return -ENOENT; /* unreachable: index_frames demands a key frame first */
}

void ckvm_replay_close(ckvm_replay *r) {
    if (!ckvm_replay_valid(r)) {
        return;
    }
    r->magic = 0;
    close(r->fd);
    free(r->frames);
    free(r);
}

int ckvm_recording_create(ckvm_recording_writer *writer, const char *path, int codec, int width, int height,
                          int fps) {
    writer->frames = 0;
    writer->file = fopen(path, "wb");
    if (writer->file == NULL) {
        return -errno;
    }
    uint8_t header[CKVM_RECORDING_HEADER_BYTES] = {0};
    memcpy(header, CKVM_RECORDING_MAGIC, 8);
    write_u32(header + 8, (uint32_t)codec);
    write_u32(header + 12, (uint32_t)width);
    write_u32(header + 16, (uint32_t)height);
    write_u32(header + 20, (uint32_t)fps);
    if (fwrite(header, 1, sizeof header, writer->file) != sizeof header) {
        fclose(writer->file);
        return -EIO;
    }
    return 0;
}

int ckvm_recording_append(ckvm_recording_writer *writer, const uint8_t *data, uint32_t size, int key) {
    uint8_t header[FRAME_HEADER_BYTES];
    write_u32(header, size);
    header[4] = key ? CKVM_RECORDING_FLAG_KEY : 0;
    if (fwrite(header, 1, sizeof header, writer->file) != sizeof header ||
        fwrite(data, 1, size, writer->file) != size) {
        return -EIO;
    }
    writer->frames++;
    return 0;
}

int ckvm_recording_finish(ckvm_recording_writer *writer) {
    uint8_t count[4];
    write_u32(count, writer->frames);
    int failed = fseek(writer->file, 24, SEEK_SET) != 0 || fwrite(count, 1, 4, writer->file) != 4;
    failed |= fclose(writer->file) != 0;
    return failed ? -EIO : 0;
}
