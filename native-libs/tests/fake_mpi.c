/* The fake vendor MPI: see fake_mpi.h. Not part of libcubekvm; built for the host only. */
#include "fake_mpi.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/mpi_mirror.h"

#define EXPORT __attribute__((visibility("default")))
#define CHANNELS 4
#define MAX_BINDS 8
#define FRAME_CAPACITY (1 << 20)

typedef struct {
    bool created;
    bool receiving;
    bool vpss_enabled;
    int outstanding;
    int frames;
    int idr_requests;
    bool idr_pending;
    int starve;
    mpi_venc_chn_attr attr;
    uint8_t buffer[FRAME_CAPACITY];
} venc_state;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char log_text[1 << 16];
static size_t log_length;
static char fail_next[64];
static int frame_size = 100;
static int violations;
static char violation_text[512];
static bool vb_configured, vb_init, sys_init, vi_dev, vi_pipe, vi_pipe_started, vi_chn, grp, grp_started;
static mpi_chn binds[MAX_BINDS][2];
static int bind_count;
static venc_state venc[CHANNELS];

static const char *control_dir(void) {
    const char *dir = getenv("CUBEKVM_FAKE_MPI_DIR");
    return dir != NULL && *dir != '\0' ? dir : NULL;
}

static void control_path(char *out, size_t capacity, const char *name) {
    snprintf(out, capacity, "%s/%s", control_dir(), name);
}

/* Appends one line to the in-memory log and to calls.log (lock held). */
static void record(const char *format, ...) {
    char line[256];
    va_list args;
    va_start(args, format);
    vsnprintf(line, sizeof line, format, args);
    va_end(args);
    size_t length = strlen(line);
    if (log_length + length + 2 < sizeof log_text) {
        memcpy(log_text + log_length, line, length);
        log_length += length;
        log_text[log_length++] = '\n';
        log_text[log_length] = '\0';
    }
    if (control_dir() != NULL) {
        char path[512];
        control_path(path, sizeof path, "calls.log");
        FILE *file = fopen(path, "a");
        if (file != NULL) {
            fprintf(file, "%s\n", line);
            fclose(file);
        }
    }
}

static void violation(const char *what) {
    violations++;
    size_t used = strlen(violation_text);
    snprintf(violation_text + used, sizeof violation_text - used, "%s; ", what);
}

/* True when this call is to fail (lock held). */
static bool should_fail(const char *function) {
    if (strcmp(fail_next, function) == 0) {
        fail_next[0] = '\0';
        return true;
    }
    if (control_dir() != NULL) {
        char path[512];
        control_path(path, sizeof path, "fail");
        FILE *file = fopen(path, "r");
        if (file != NULL) {
            char name[64] = "";
            if (fgets(name, sizeof name, file) == NULL) {
                name[0] = '\0';
            }
            fclose(file);
            name[strcspn(name, "\r\n")] = '\0';
            if (strcmp(name, function) == 0) {
                unlink(path);
                return true;
            }
        }
    }
    return false;
}

#define ENTER(function, ...)                     \
    pthread_mutex_lock(&lock);                   \
    record(function __VA_ARGS__);                \
    if (should_fail(function)) {                 \
        pthread_mutex_unlock(&lock);             \
        return FAKE_MPI_ERROR;                   \
    }

#define RETURN(value)                \
    do {                             \
        pthread_mutex_unlock(&lock); \
        return (value);              \
    } while (0)

static bool valid_chn(int32_t chn) {
    return chn >= 0 && chn < CHANNELS;
}

static int held(char *out, size_t capacity) {
    int count = 0;
    size_t used = 0;
#define HELD(condition, what)                                                          \
    if (condition) {                                                                   \
        count++;                                                                       \
        if (used < capacity) {                                                         \
            used += (size_t)snprintf(out + used, capacity - used, "%s; ", what);       \
        }                                                                              \
    }
    HELD(vb_init, "VB initialised")
    HELD(sys_init, "SYS initialised")
    HELD(vi_dev, "VI device enabled")
    HELD(vi_pipe, "VI pipe created")
    HELD(vi_pipe_started, "VI pipe started")
    HELD(vi_chn, "VI channel enabled")
    HELD(grp, "VPSS group created")
    HELD(grp_started, "VPSS group started")
    HELD(bind_count > 0, "a SYS binding")
    for (int i = 0; i < CHANNELS; i++) {
        HELD(venc[i].created, "a VENC channel")
        HELD(venc[i].receiving, "a VENC channel receiving")
        HELD(venc[i].vpss_enabled, "a VPSS channel enabled")
        HELD(venc[i].outstanding > 0, "a VENC stream not released")
    }
    HELD(violations > 0, violation_text)
#undef HELD
    if (count == 0 && capacity > 0) {
        snprintf(out, capacity, "none");
    }
    return count;
}

EXPORT int fake_mpi_leaks(char *out, size_t capacity) {
    pthread_mutex_lock(&lock);
    int count = held(out, capacity);
    pthread_mutex_unlock(&lock);
    return count;
}

EXPORT void fake_mpi_reset(void) {
    pthread_mutex_lock(&lock);
    log_length = 0;
    log_text[0] = '\0';
    fail_next[0] = '\0';
    frame_size = 100;
    violations = 0;
    violation_text[0] = '\0';
    vb_configured = vb_init = sys_init = vi_dev = vi_pipe = vi_pipe_started = vi_chn = grp = grp_started = false;
    bind_count = 0;
    for (int i = 0; i < CHANNELS; i++) {
        memset(&venc[i], 0, offsetof(venc_state, buffer));
    }
    pthread_mutex_unlock(&lock);
}

EXPORT const char *fake_mpi_log(void) {
    return log_text;
}

EXPORT int fake_mpi_count(const char *function) {
    pthread_mutex_lock(&lock);
    int count = 0;
    size_t length = strlen(function);
    for (const char *line = log_text; *line != '\0';) {
        if (strncmp(line, function, length) == 0 && (line[length] == ' ' || line[length] == '\n')) {
            count++;
        }
        const char *end = strchr(line, '\n');
        line = end == NULL ? line + strlen(line) : end + 1;
    }
    pthread_mutex_unlock(&lock);
    return count;
}

EXPORT void fake_mpi_fail_next(const char *function) {
    pthread_mutex_lock(&lock);
    snprintf(fail_next, sizeof fail_next, "%s", function);
    pthread_mutex_unlock(&lock);
}

EXPORT void fake_mpi_starve(int chn, int pulls) {
    pthread_mutex_lock(&lock);
    venc[chn].starve = pulls;
    pthread_mutex_unlock(&lock);
}

EXPORT void fake_mpi_frame_size(int bytes) {
    pthread_mutex_lock(&lock);
    frame_size = bytes;
    pthread_mutex_unlock(&lock);
}

EXPORT int fake_mpi_idr_requests(int chn) {
    pthread_mutex_lock(&lock);
    int count = venc[chn].idr_requests;
    pthread_mutex_unlock(&lock);
    return count;
}

EXPORT void fake_mpi_rate_control(int chn, unsigned *gop, unsigned *bitrate, unsigned *fps, unsigned *qfactor,
                                  int *mode) {
    pthread_mutex_lock(&lock);
    const mpi_venc_rc_attr *rc = &venc[chn].attr.rc;
    *mode = rc->mode;
    if (rc->mode == MPI_RC_MJPEGFIXQP) {
        *gop = 0;
        *bitrate = 0;
        *fps = rc->u.mjpeg.dst_frame_rate;
        *qfactor = rc->u.mjpeg.qfactor;
    } else {
        *gop = rc->u.h264.gop;
        *bitrate = rc->u.h264.bitrate_kbps;
        *fps = rc->u.h264.dst_frame_rate;
        *qfactor = 0;
    }
    pthread_mutex_unlock(&lock);
}

EXPORT void fake_mpi_venc_size(int chn, unsigned *width, unsigned *height) {
    pthread_mutex_lock(&lock);
    *width = venc[chn].attr.venc.width;
    *height = venc[chn].attr.venc.height;
    pthread_mutex_unlock(&lock);
}

/* ---- SYS / VB ---- */

EXPORT int32_t CVI_VB_SetConfig(const mpi_vb_config *config) {
    ENTER("CVI_VB_SetConfig", " pools=%u blk0=%u", config->max_pool_count, config->pools[0].blk_size)
    if (vb_init) {
        violation("VB configured while initialised");
    }
    vb_configured = true;
    RETURN(0);
}

EXPORT int32_t CVI_VB_Init(void) {
    ENTER("CVI_VB_Init", "")
    if (!vb_configured) {
        violation("VB initialised without a configuration");
    }
    vb_init = true;
    RETURN(0);
}

EXPORT int32_t CVI_SYS_Init(void) {
    ENTER("CVI_SYS_Init", "")
    if (!vb_init) {
        violation("SYS initialised before VB");
    }
    sys_init = true;
    RETURN(0);
}

EXPORT int32_t CVI_SYS_Exit(void) {
    ENTER("CVI_SYS_Exit", "")
    if (vi_dev || vi_pipe || grp || bind_count > 0) {
        violation("SYS exited while VI, VPSS or a binding was held");
    }
    sys_init = false;
    RETURN(0);
}

EXPORT int32_t CVI_VB_Exit(void) {
    ENTER("CVI_VB_Exit", "")
    if (sys_init) {
        violation("VB exited before SYS");
    }
    vb_init = false;
    vb_configured = false;
    if (control_dir() != NULL) {
        char report[1024];
        held(report, sizeof report);
        char path[512];
        control_path(path, sizeof path, "leaks");
        FILE *file = fopen(path, "w");
        if (file != NULL) {
            fprintf(file, "%s\n", report);
            fclose(file);
        }
    }
    RETURN(0);
}

static int find_bind(const mpi_chn *src, const mpi_chn *dst) {
    for (int i = 0; i < bind_count; i++) {
        if (memcmp(&binds[i][0], src, sizeof *src) == 0 && memcmp(&binds[i][1], dst, sizeof *dst) == 0) {
            return i;
        }
    }
    return -1;
}

EXPORT int32_t CVI_SYS_Bind(const mpi_chn *src, const mpi_chn *dst) {
    ENTER("CVI_SYS_Bind", " %d/%d/%d -> %d/%d/%d", src->mod_id, src->dev_id, src->chn_id, dst->mod_id, dst->dev_id,
          dst->chn_id)
    if (!sys_init || find_bind(src, dst) >= 0 || bind_count == MAX_BINDS) {
        violation("a binding without SYS, or twice");
        RETURN(FAKE_MPI_ERROR);
    }
    binds[bind_count][0] = *src;
    binds[bind_count][1] = *dst;
    bind_count++;
    RETURN(0);
}

EXPORT int32_t CVI_SYS_UnBind(const mpi_chn *src, const mpi_chn *dst) {
    ENTER("CVI_SYS_UnBind", " %d/%d/%d -> %d/%d/%d", src->mod_id, src->dev_id, src->chn_id, dst->mod_id,
          dst->dev_id, dst->chn_id)
    int at = find_bind(src, dst);
    if (at < 0) {
        violation("an unbinding of what was not bound");
        RETURN(FAKE_MPI_ERROR);
    }
    memmove(&binds[at], &binds[at + 1], sizeof binds[0] * (size_t)(bind_count - at - 1));
    bind_count--;
    RETURN(0);
}

/* ---- VI ---- */

EXPORT int32_t CVI_VI_SetDevAttr(int32_t dev, const mpi_vi_dev_attr *attr) {
    ENTER("CVI_VI_SetDevAttr", " dev=%d %ux%u mode=%d", dev, attr->width, attr->height, attr->intf_mode)
    RETURN(0);
}

#define TOGGLE(function, flag, want, message) \
    ENTER(function, " %d", id)                \
    if (flag != (want)) {                     \
        violation(message);                   \
    }                                         \
    flag = !(want);                           \
    RETURN(0);

EXPORT int32_t CVI_VI_EnableDev(int32_t id) { TOGGLE("CVI_VI_EnableDev", vi_dev, false, "VI device enabled twice") }
EXPORT int32_t CVI_VI_DisableDev(int32_t id) {
    ENTER("CVI_VI_DisableDev", " %d", id)
    if (vi_pipe) {
        violation("VI device disabled before its pipe was destroyed");
    }
    vi_dev = false;
    RETURN(0);
}

EXPORT int32_t CVI_VI_CreatePipe(int32_t id, const mpi_vi_pipe_attr *attr) {
    ENTER("CVI_VI_CreatePipe", " %d %ux%u", id, attr->max_width, attr->max_height)
    vi_pipe = true;
    RETURN(0);
}
EXPORT int32_t CVI_VI_StartPipe(int32_t id) { TOGGLE("CVI_VI_StartPipe", vi_pipe_started, false, "VI pipe started twice") }
EXPORT int32_t CVI_VI_StopPipe(int32_t id) { TOGGLE("CVI_VI_StopPipe", vi_pipe_started, true, "VI pipe stopped but not started") }
EXPORT int32_t CVI_VI_DestroyPipe(int32_t id) {
    ENTER("CVI_VI_DestroyPipe", " %d", id)
    if (vi_pipe_started || vi_chn) {
        violation("VI pipe destroyed while started or with its channel enabled");
    }
    vi_pipe = false;
    RETURN(0);
}

EXPORT int32_t CVI_VI_SetChnAttr(int32_t pipe, int32_t chn, mpi_vi_chn_attr *attr) {
    ENTER("CVI_VI_SetChnAttr", " %d/%d %ux%u", pipe, chn, attr->width, attr->height)
    RETURN(0);
}
EXPORT int32_t CVI_VI_EnableChn(int32_t pipe, int32_t id) {
    (void)pipe;
    TOGGLE("CVI_VI_EnableChn", vi_chn, false, "VI channel enabled twice")
}
EXPORT int32_t CVI_VI_DisableChn(int32_t pipe, int32_t id) {
    (void)pipe;
    TOGGLE("CVI_VI_DisableChn", vi_chn, true, "VI channel disabled but not enabled")
}

/* ---- VPSS ---- */

EXPORT int32_t CVI_VPSS_CreateGrp(int32_t id, const mpi_vpss_grp_attr *attr) {
    ENTER("CVI_VPSS_CreateGrp", " %d %ux%u", id, attr->max_width, attr->max_height)
    grp = true;
    RETURN(0);
}
EXPORT int32_t CVI_VPSS_StartGrp(int32_t id) { TOGGLE("CVI_VPSS_StartGrp", grp_started, false, "VPSS group started twice") }
EXPORT int32_t CVI_VPSS_StopGrp(int32_t id) { TOGGLE("CVI_VPSS_StopGrp", grp_started, true, "VPSS group stopped but not started") }
EXPORT int32_t CVI_VPSS_DestroyGrp(int32_t id) {
    ENTER("CVI_VPSS_DestroyGrp", " %d", id)
    for (int i = 0; i < CHANNELS; i++) {
        if (venc[i].vpss_enabled) {
            violation("VPSS group destroyed with a channel enabled");
        }
    }
    if (grp_started) {
        violation("VPSS group destroyed while started");
    }
    grp = false;
    RETURN(0);
}

EXPORT int32_t CVI_VPSS_SetChnAttr(int32_t group, int32_t chn, const mpi_vpss_chn_attr *attr) {
    ENTER("CVI_VPSS_SetChnAttr", " %d/%d %ux%u", group, chn, attr->width, attr->height)
    RETURN(valid_chn(chn) ? 0 : FAKE_MPI_ERROR);
}
EXPORT int32_t CVI_VPSS_EnableChn(int32_t group, int32_t chn) {
    ENTER("CVI_VPSS_EnableChn", " %d/%d", group, chn)
    if (!valid_chn(chn) || !grp) {
        RETURN(FAKE_MPI_ERROR);
    }
    venc[chn].vpss_enabled = true;
    RETURN(0);
}
EXPORT int32_t CVI_VPSS_DisableChn(int32_t group, int32_t chn) {
    ENTER("CVI_VPSS_DisableChn", " %d/%d", group, chn)
    if (!valid_chn(chn)) {
        RETURN(FAKE_MPI_ERROR);
    }
    venc[chn].vpss_enabled = false;
    RETURN(0);
}

/* ---- VENC ---- */

static void record_rate_control(const char *function, int32_t chn, const mpi_venc_chn_attr *attr) {
    const mpi_venc_rc_attr *rc = &attr->rc;
    if (rc->mode == MPI_RC_MJPEGFIXQP) {
        record("%s %d type=%d %ux%u rc=%d fps=%u q=%u", function, chn, attr->venc.type, attr->venc.width,
               attr->venc.height, rc->mode, rc->u.mjpeg.dst_frame_rate, rc->u.mjpeg.qfactor);
    } else {
        record("%s %d type=%d %ux%u rc=%d fps=%u gop=%u kbps=%u", function, chn, attr->venc.type, attr->venc.width,
               attr->venc.height, rc->mode, rc->u.h264.dst_frame_rate, rc->u.h264.gop, rc->u.h264.bitrate_kbps);
    }
}

EXPORT int32_t CVI_VENC_CreateChn(int32_t chn, const mpi_venc_chn_attr *attr) {
    pthread_mutex_lock(&lock);
    record_rate_control("CVI_VENC_CreateChn", chn, attr);
    if (should_fail("CVI_VENC_CreateChn") || !valid_chn(chn) || venc[chn].created) {
        RETURN(FAKE_MPI_ERROR);
    }
    venc[chn].created = true;
    venc[chn].attr = *attr;
    venc[chn].frames = 0;
    RETURN(0);
}

EXPORT int32_t CVI_VENC_SetChnAttr(int32_t chn, const mpi_venc_chn_attr *attr) {
    pthread_mutex_lock(&lock);
    record_rate_control("CVI_VENC_SetChnAttr", chn, attr);
    if (should_fail("CVI_VENC_SetChnAttr") || !valid_chn(chn) || !venc[chn].created) {
        RETURN(FAKE_MPI_ERROR);
    }
    if (attr->venc.width != venc[chn].attr.venc.width || attr->venc.type != venc[chn].attr.venc.type) {
        violation("SetChnAttr changed the picture size or type of a running channel");
    }
    venc[chn].attr = *attr;
    RETURN(0);
}

EXPORT int32_t CVI_VENC_GetChnAttr(int32_t chn, mpi_venc_chn_attr *attr) {
    ENTER("CVI_VENC_GetChnAttr", " %d", chn)
    if (!valid_chn(chn) || !venc[chn].created) {
        RETURN(FAKE_MPI_ERROR);
    }
    *attr = venc[chn].attr;
    RETURN(0);
}

EXPORT int32_t CVI_VENC_StartRecvFrame(int32_t chn, const mpi_venc_recv_pic_param *param) {
    ENTER("CVI_VENC_StartRecvFrame", " %d %d", chn, param->recv_pic_num)
    if (!valid_chn(chn) || !venc[chn].created) {
        RETURN(FAKE_MPI_ERROR);
    }
    venc[chn].receiving = true;
    RETURN(0);
}

EXPORT int32_t CVI_VENC_StopRecvFrame(int32_t chn) {
    ENTER("CVI_VENC_StopRecvFrame", " %d", chn)
    if (!valid_chn(chn)) {
        RETURN(FAKE_MPI_ERROR);
    }
    venc[chn].receiving = false;
    RETURN(0);
}

EXPORT int32_t CVI_VENC_ResetChn(int32_t chn) {
    ENTER("CVI_VENC_ResetChn", " %d", chn)
    RETURN(valid_chn(chn) ? 0 : FAKE_MPI_ERROR);
}

EXPORT int32_t CVI_VENC_DestroyChn(int32_t chn) {
    ENTER("CVI_VENC_DestroyChn", " %d", chn)
    if (!valid_chn(chn)) {
        RETURN(FAKE_MPI_ERROR);
    }
    if (venc[chn].receiving || venc[chn].outstanding > 0) {
        violation("VENC channel destroyed while receiving or with a stream not released");
    }
    venc[chn].created = false;
    RETURN(0);
}

EXPORT int32_t CVI_VENC_QueryStatus(int32_t chn, mpi_venc_chn_status *status) {
    ENTER("CVI_VENC_QueryStatus", " %d", chn)
    memset(status, 0, sizeof *status);
    status->cur_packs = 3;
    RETURN(0);
}

EXPORT int32_t CVI_VENC_RequestIDR(int32_t chn, uint8_t instant) {
    ENTER("CVI_VENC_RequestIDR", " %d %d", chn, instant)
    if (!valid_chn(chn) || !venc[chn].created) {
        RETURN(FAKE_MPI_ERROR);
    }
    venc[chn].idr_pending = true;
    venc[chn].idr_requests++;
    RETURN(0);
}

static void stall_while_asked(void) {
    if (control_dir() == NULL) {
        return;
    }
    char stall[512];
    char stalled[512];
    control_path(stall, sizeof stall, "stall");
    control_path(stalled, sizeof stalled, "stalled");
    if (access(stall, F_OK) != 0) {
        return;
    }
    FILE *marker = fopen(stalled, "w");
    if (marker != NULL) {
        fclose(marker);
    }
    struct timespec pause = {0, 1000000};
    while (access(stall, F_OK) == 0) {
        nanosleep(&pause, NULL);
    }
    unlink(stalled);
}

static size_t put_nal(uint8_t *at, int type, int seq, int payload) {
    static const uint8_t start[] = {0, 0, 0, 1};
    memcpy(at, start, sizeof start);
    at[4] = (uint8_t)(0x60 | type);
    memcpy(at + 5, &seq, sizeof seq);
    memset(at + 9, 0xa5, (size_t)payload);
    return 9 + (size_t)payload;
}

EXPORT int32_t CVI_VENC_GetStream(int32_t chn, mpi_venc_stream *stream, int32_t millis) {
    stall_while_asked(); /* outside the lock, like a real blocking wait */
    ENTER("CVI_VENC_GetStream", " %d %d", chn, millis)
    if (!valid_chn(chn) || !venc[chn].receiving || stream->packs == NULL) {
        RETURN(FAKE_MPI_ERROR);
    }
    venc_state *v = &venc[chn];
    if (v->starve > 0) {
        v->starve--;
        RETURN(FAKE_MPI_TIMEOUT);
    }
    int seq = v->frames++;
    uint8_t *buffer = v->buffer;
    int payload = frame_size;
    if (payload < 0 || payload > FRAME_CAPACITY / 2) {
        payload = FRAME_CAPACITY / 2;
    }
    memset(stream->packs, 0, sizeof(mpi_venc_pack) * 3);
    if (v->attr.venc.type == MPI_PT_MJPEG) {
        buffer[0] = 0xff;
        buffer[1] = 0xd8;
        buffer[2] = (uint8_t)v->attr.rc.u.mjpeg.qfactor;
        memcpy(buffer + 3, &seq, sizeof seq);
        memset(buffer + 7, 0x5a, (size_t)payload);
        buffer[7 + payload] = 0xff;
        buffer[8 + payload] = 0xd9;
        stream->packs[0].addr = buffer;
        stream->packs[0].len = (uint32_t)(9 + payload);
        stream->pack_count = 1;
    } else {
        uint32_t gop = v->attr.rc.u.h264.gop == 0 ? 1 : v->attr.rc.u.h264.gop;
        bool key = seq == 0 || v->idr_pending || (uint32_t)seq % gop == 0;
        v->idr_pending = false;
        if (key) {
            size_t at = 0;
            size_t length = put_nal(buffer, 7, seq, 4);
            stream->packs[0] = (mpi_venc_pack){.addr = buffer, .len = (uint32_t)length, .data_type = 7};
            at += length;
            length = put_nal(buffer + at, 8, seq, 2);
            stream->packs[1] = (mpi_venc_pack){.addr = buffer + at, .len = (uint32_t)length, .data_type = 8};
            at += length;
            /* The IDR pack starts 3 bytes before its data: the backend must honour u32Offset. */
            memset(buffer + at, 0xee, 3);
            length = put_nal(buffer + at + 3, MPI_H264E_NALU_IDRSLICE, seq, payload);
            stream->packs[2] = (mpi_venc_pack){
                .addr = buffer + at, .len = (uint32_t)length + 3, .offset = 3, .data_type = MPI_H264E_NALU_IDRSLICE};
            stream->pack_count = 3;
        } else {
            size_t length = put_nal(buffer, 1, seq, payload);
            stream->packs[0] = (mpi_venc_pack){.addr = buffer, .len = (uint32_t)length, .data_type = 1};
            stream->pack_count = 1;
        }
    }
    v->outstanding++;
    RETURN(0);
}

EXPORT int32_t CVI_VENC_ReleaseStream(int32_t chn, mpi_venc_stream *stream) {
    ENTER("CVI_VENC_ReleaseStream", " %d %u", chn, stream->pack_count)
    if (!valid_chn(chn) || venc[chn].outstanding == 0) {
        violation("a stream released that was not taken");
        RETURN(FAKE_MPI_ERROR);
    }
    venc[chn].outstanding--;
    RETURN(0);
}
