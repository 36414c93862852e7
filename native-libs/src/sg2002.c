/*
 * The sg2002 backend: VI -> VPSS -> VENC through the vendor MPI, bound with dlopen (see
 * sg2002.h for the contract, mpi_mirror.h for the structures and where they come from).
 *
 * Locking: a read-write lock guards the pipeline. Pulling a frame (GetStream, the copy,
 * ReleaseStream) holds it for reading, so the H.264 and MJPEG channels pull concurrently;
 * starting, stopping and reconfiguring hold it for writing, so the pipeline never changes
 * under a frame being copied. Writers are preferred: a stop waits for at most one pull.
 */
#include "sg2002.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mpi_mirror.h"

#define CHANNEL_MAGIC 0x53473230u /* "SG20" */
#define MAX_PACKS 8
#define MAX_LIBRARIES 8
/* The rate VPSS hands frames to VENC at: the HDMI refresh (the LT6911 is set up for 60 Hz). */
#define SOURCE_FPS 60
/* Consecutive empty GetStream calls while the HDMI signal is present before the channel gives up. */
#define MAX_EMPTY_PULLS 100

/* Where the vendor SDK installs its libraries on SG200x boards; tried when a bare name is not found. */
#define VENDOR_LIBRARY_DIR "/mnt/system/lib"

#define VI_DEV 0
#define VI_PIPE 0
#define VI_CHN 0
#define VPSS_GRP 0

#define DECLARE_POINTER(name, args) int32_t(*name) args;
typedef struct {
    MPI_FUNCTIONS(DECLARE_POINTER)
} mpi_api;

struct ckvm_sg_channel {
    uint32_t magic;
    ckvm_params params;
    int requested_width; /* 0: the input's */
    int requested_height;
    int out_width;  /* while running */
    int out_height;
    int last_width; /* of the last frame handed over */
    int last_height;
    int64_t max_frame_bytes;
    bool running;
    bool bound; /* VPSS channel -> VENC channel */
    bool vpss_enabled;
    bool venc_created;
    bool venc_receiving;
    int empty_pulls;
    mpi_venc_pack packs[MAX_PACKS];
};

typedef struct {
    bool vb;
    bool sys;
    bool vi_dev;
    bool vi_pipe_created;
    bool vi_pipe_started;
    bool vi_chn;
    bool vpss_grp_created;
    bool vpss_grp_started;
    bool vi_bound;
    int width;
    int height;
} pipeline;

static pthread_mutex_t bind_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t problem_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t lock;
static pthread_once_t lock_once = PTHREAD_ONCE_INIT;
static enum { UNBOUND, BOUND, FAILED } state = UNBOUND;
static mpi_api mpi;
static void *handles[MAX_LIBRARIES];
static char problem[512];
static pipeline shared;
static ckvm_sg_channel *channels[CKVM_CODEC_COUNT];

static void init_lock(void) {
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
#ifdef PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP
    pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
#endif
    pthread_rwlock_init(&lock, &attributes);
    pthread_rwlockattr_destroy(&attributes);
}

/* Records a failed MPI call; returns -EIO. */
static int failed(const char *call, int chn, int32_t code) {
    pthread_mutex_lock(&problem_lock);
    snprintf(problem, sizeof problem, "%s (channel %d) failed with vendor error 0x%08x", call, chn, (unsigned)code);
    pthread_mutex_unlock(&problem_lock);
    return -EIO;
}

static void *find_symbol(const char *name) {
    for (int i = 0; i < MAX_LIBRARIES && handles[i] != NULL; i++) {
        void *symbol = dlsym(handles[i], name);
        if (symbol != NULL) {
            return symbol;
        }
    }
    return NULL;
}

static bool bind_mpi(void) {
    const char *configured = getenv("CUBEKVM_MPI_LIBRARIES");
    char list[1024];
    snprintf(list, sizeof list, "%s", configured != NULL && *configured != '\0' ? configured
                                                                                : "libsys.so:libvpu.so:libvenc.so");
    int count = 0;
    char *saved = NULL;
    for (char *name = strtok_r(list, ":", &saved); name != NULL; name = strtok_r(NULL, ":", &saved)) {
        if (count == MAX_LIBRARIES) {
            break;
        }
        /* GLOBAL: libvenc.so resolves libsys.so's symbols through the ones already loaded. */
        void *handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL);
        if (handle == NULL && strchr(name, '/') == NULL) {
            char vendor[512];
            snprintf(vendor, sizeof vendor, "%s/%s", VENDOR_LIBRARY_DIR, name);
            handle = dlopen(vendor, RTLD_NOW | RTLD_GLOBAL);
        }
        if (handle == NULL) {
            pthread_mutex_lock(&problem_lock);
            snprintf(problem, sizeof problem,
                     "the vendor media library %s cannot be loaded (%s); the sg2002 backend needs the device's"
                     " MPI libraries (libsys.so, libvpu.so, libvenc.so) on LD_LIBRARY_PATH or in " VENDOR_LIBRARY_DIR
                     ", or CUBEKVM_MPI_LIBRARIES naming them",
                     name, dlerror());
            pthread_mutex_unlock(&problem_lock);
            for (int i = 0; i < count; i++) {
                dlclose(handles[i]);
                handles[i] = NULL;
            }
            return false;
        }
        handles[count++] = handle;
    }
    const char *missing = NULL;
#define BIND_POINTER(name, args)                                  \
    *(void **)(&mpi.name) = find_symbol(#name);                   \
    if (mpi.name == NULL && missing == NULL) {                    \
        missing = #name;                                          \
    }
    MPI_FUNCTIONS(BIND_POINTER)
#undef BIND_POINTER
    if (missing != NULL) {
        pthread_mutex_lock(&problem_lock);
        snprintf(problem, sizeof problem, "the vendor media libraries lack %s; this MPI release is not supported",
                 missing);
        pthread_mutex_unlock(&problem_lock);
        for (int i = 0; i < count; i++) {
            dlclose(handles[i]);
            handles[i] = NULL;
        }
        return false;
    }
    return true;
}

bool ckvm_sg_available(void) {
    pthread_once(&lock_once, init_lock);
    pthread_mutex_lock(&bind_lock);
    if (state == UNBOUND) {
        state = bind_mpi() ? BOUND : FAILED;
    }
    bool available = state == BOUND;
    pthread_mutex_unlock(&bind_lock);
    return available;
}

bool ckvm_sg_problem(char *out, size_t capacity) {
    pthread_mutex_lock(&problem_lock);
    bool any = problem[0] != '\0';
    if (any && capacity > 0) {
        snprintf(out, capacity, "%s", problem);
    }
    pthread_mutex_unlock(&problem_lock);
    return any;
}

static int read_number(const char *folder, const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    char text[16];
    ssize_t length = read(fd, text, sizeof text - 1);
    close(fd);
    if (length <= 0) {
        return 0;
    }
    text[length] = '\0';
    char *end = NULL;
    long value = strtol(text, &end, 10);
    return end != text && value > 0 && value <= 8192 ? (int)value : 0;
}

int64_t ckvm_sg_signal(void) {
    const char *folder = getenv("CUBEKVM_HDMI_STATE");
    if (folder == NULL || *folder == '\0') {
        folder = "/tmp/kvm";
    }
    int width = read_number(folder, "width");
    int height = read_number(folder, "height");
    if (width == 0 || height == 0) {
        return 0;
    }
    return (int64_t)width << 16 | height;
}

/* ---- the shared part: VB, SYS, VI, the VPSS group (write lock held) ---- */

static void stop_shared(void) {
    mpi_chn vi = {MPI_ID_VI, VI_DEV, VI_CHN};
    mpi_chn vpss = {MPI_ID_VPSS, VPSS_GRP, 0};
    /* Every step is undone in reverse, whatever failed before: teardown never stops halfway. */
    if (shared.vi_bound) {
        mpi.CVI_SYS_UnBind(&vi, &vpss);
        shared.vi_bound = false;
    }
    if (shared.vpss_grp_started) {
        mpi.CVI_VPSS_StopGrp(VPSS_GRP);
        shared.vpss_grp_started = false;
    }
    if (shared.vpss_grp_created) {
        mpi.CVI_VPSS_DestroyGrp(VPSS_GRP);
        shared.vpss_grp_created = false;
    }
    if (shared.vi_chn) {
        mpi.CVI_VI_DisableChn(VI_PIPE, VI_CHN);
        shared.vi_chn = false;
    }
    if (shared.vi_pipe_started) {
        mpi.CVI_VI_StopPipe(VI_PIPE);
        shared.vi_pipe_started = false;
    }
    if (shared.vi_pipe_created) {
        mpi.CVI_VI_DestroyPipe(VI_PIPE);
        shared.vi_pipe_created = false;
    }
    if (shared.vi_dev) {
        mpi.CVI_VI_DisableDev(VI_DEV);
        shared.vi_dev = false;
    }
    if (shared.sys) {
        mpi.CVI_SYS_Exit();
        shared.sys = false;
    }
    if (shared.vb) {
        mpi.CVI_VB_Exit();
        shared.vb = false;
    }
    shared.width = 0;
    shared.height = 0;
}

#define MPI_CALL(call, chn, ...)                         \
    do {                                                 \
        int32_t code_ = mpi.call(__VA_ARGS__);           \
        if (code_ != 0) {                                \
            return failed(#call, (chn), code_);          \
        }                                                \
    } while (0)

static int start_shared_steps(int width, int height) {
    shared.width = width;
    shared.height = height;
    mpi_vb_config vb;
    memset(&vb, 0, sizeof vb);
    vb.max_pool_count = 2;
    vb.pools[0].blk_size = (uint32_t)(width * height * 2); /* VI: YUV 4:2:2 */
    vb.pools[0].blk_count = 3;
    snprintf(vb.pools[0].name, sizeof vb.pools[0].name, "cubekvm-vi");
    vb.pools[1].blk_size = (uint32_t)(width * height * 3 / 2); /* VPSS outputs: NV21, at most the input size */
    vb.pools[1].blk_count = 2 * CKVM_CODEC_COUNT;
    snprintf(vb.pools[1].name, sizeof vb.pools[1].name, "cubekvm-vpss");
    MPI_CALL(CVI_VB_SetConfig, -1, &vb);
    MPI_CALL(CVI_VB_Init, -1);
    shared.vb = true;
    MPI_CALL(CVI_SYS_Init, -1);
    shared.sys = true;

    mpi_vi_dev_attr dev;
    memset(&dev, 0, sizeof dev);
    dev.intf_mode = MPI_VI_MODE_MIPI_YUV422;
    dev.work_mode = MPI_VI_WORK_MODE_1MULTIPLEX;
    dev.scan_mode = MPI_VI_SCAN_PROGRESSIVE;
    for (int i = 0; i < 4; i++) {
        dev.ad_chn_id[i] = -1;
    }
    dev.data_seq = MPI_VI_DATA_SEQ_YUYV;
    dev.input_data_type = MPI_VI_DATA_TYPE_YUV;
    dev.width = (uint32_t)width;
    dev.height = (uint32_t)height;
    MPI_CALL(CVI_VI_SetDevAttr, VI_DEV, VI_DEV, &dev);
    MPI_CALL(CVI_VI_EnableDev, VI_DEV, VI_DEV);
    shared.vi_dev = true;

    mpi_vi_pipe_attr pipe;
    memset(&pipe, 0, sizeof pipe);
    pipe.max_width = (uint32_t)width;
    pipe.max_height = (uint32_t)height;
    pipe.pixel_format = MPI_PIXEL_FORMAT_UYVY;
    pipe.yuv_bypass_path = 1; /* YUV from the bridge: no ISP */
    MPI_CALL(CVI_VI_CreatePipe, VI_PIPE, VI_PIPE, &pipe);
    shared.vi_pipe_created = true;
    MPI_CALL(CVI_VI_StartPipe, VI_PIPE, VI_PIPE);
    shared.vi_pipe_started = true;

    mpi_vi_chn_attr chn;
    memset(&chn, 0, sizeof chn);
    chn.width = (uint32_t)width;
    chn.height = (uint32_t)height;
    chn.pixel_format = MPI_PIXEL_FORMAT_NV21;
    chn.frame_rate.src = -1;
    chn.frame_rate.dst = -1;
    MPI_CALL(CVI_VI_SetChnAttr, VI_CHN, VI_PIPE, VI_CHN, &chn);
    MPI_CALL(CVI_VI_EnableChn, VI_CHN, VI_PIPE, VI_CHN);
    shared.vi_chn = true;

    mpi_vpss_grp_attr grp;
    memset(&grp, 0, sizeof grp);
    grp.max_width = (uint32_t)width;
    grp.max_height = (uint32_t)height;
    grp.pixel_format = MPI_PIXEL_FORMAT_NV21;
    grp.frame_rate.src = -1;
    grp.frame_rate.dst = -1;
    grp.vpss_dev = 1;
    MPI_CALL(CVI_VPSS_CreateGrp, VPSS_GRP, VPSS_GRP, &grp);
    shared.vpss_grp_created = true;
    MPI_CALL(CVI_VPSS_StartGrp, VPSS_GRP, VPSS_GRP);
    shared.vpss_grp_started = true;

    mpi_chn vi = {MPI_ID_VI, VI_DEV, VI_CHN};
    mpi_chn vpss = {MPI_ID_VPSS, VPSS_GRP, 0};
    MPI_CALL(CVI_SYS_Bind, VPSS_GRP, &vi, &vpss);
    shared.vi_bound = true;
    return 0;
}

/* ---- one channel: its VPSS output (the scaling) and its VENC channel (write lock held) ---- */

static void fill_rate_control(mpi_venc_chn_attr *attr, const ckvm_params *p) {
    memset(&attr->rc, 0, sizeof attr->rc);
    if (p->codec == CKVM_CODEC_H264) {
        attr->rc.mode = p->rate_control == CKVM_RC_CBR ? MPI_RC_H264CBR : MPI_RC_H264VBR;
        attr->rc.u.h264.gop = (uint32_t)p->gop;
        attr->rc.u.h264.stat_time = 2;
        attr->rc.u.h264.src_frame_rate = SOURCE_FPS;
        attr->rc.u.h264.dst_frame_rate = (uint32_t)p->fps;
        attr->rc.u.h264.bitrate_kbps = (uint32_t)p->bitrate_kbps;
    } else {
        attr->rc.mode = MPI_RC_MJPEGFIXQP;
        attr->rc.u.mjpeg.src_frame_rate = SOURCE_FPS;
        attr->rc.u.mjpeg.dst_frame_rate = (uint32_t)p->fps;
        attr->rc.u.mjpeg.qfactor = (uint32_t)(p->quality > 99 ? 99 : p->quality);
    }
}

static void stop_channel(ckvm_sg_channel *c) {
    int chn = c->params.codec;
    mpi_chn vpss = {MPI_ID_VPSS, VPSS_GRP, chn};
    mpi_chn venc = {MPI_ID_VENC, 0, chn};
    if (c->venc_receiving) {
        mpi.CVI_VENC_StopRecvFrame(chn);
        c->venc_receiving = false;
    }
    if (c->bound) {
        mpi.CVI_SYS_UnBind(&vpss, &venc);
        c->bound = false;
    }
    if (c->venc_created) {
        mpi.CVI_VENC_ResetChn(chn);
        mpi.CVI_VENC_DestroyChn(chn);
        c->venc_created = false;
    }
    if (c->vpss_enabled) {
        mpi.CVI_VPSS_DisableChn(VPSS_GRP, chn);
        c->vpss_enabled = false;
    }
    c->running = false;
}

static int start_channel_steps(ckvm_sg_channel *c) {
    int chn = c->params.codec;
    int width = c->requested_width > 0 ? c->requested_width : shared.width;
    int height = c->requested_height > 0 ? c->requested_height : shared.height;
    c->out_width = width;
    c->out_height = height;

    mpi_vpss_chn_attr out;
    memset(&out, 0, sizeof out);
    out.width = (uint32_t)width;
    out.height = (uint32_t)height;
    out.video_format = MPI_VIDEO_FORMAT_LINEAR;
    out.pixel_format = MPI_PIXEL_FORMAT_NV21;
    out.frame_rate.src = -1;
    out.frame_rate.dst = -1;
    MPI_CALL(CVI_VPSS_SetChnAttr, chn, VPSS_GRP, chn, &out);
    MPI_CALL(CVI_VPSS_EnableChn, chn, VPSS_GRP, chn);
    c->vpss_enabled = true;

    mpi_venc_chn_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.venc.type = c->params.codec == CKVM_CODEC_H264 ? MPI_PT_H264 : MPI_PT_MJPEG;
    attr.venc.max_width = (uint32_t)width;
    attr.venc.max_height = (uint32_t)height;
    attr.venc.buf_size = (uint32_t)c->max_frame_bytes;
    attr.venc.profile = 0; /* H.264 baseline: what every browser decodes */
    attr.venc.by_frame = 1;
    attr.venc.width = (uint32_t)width;
    attr.venc.height = (uint32_t)height;
    fill_rate_control(&attr, &c->params);
    attr.gop.mode = MPI_GOPMODE_NORMALP;
    MPI_CALL(CVI_VENC_CreateChn, chn, chn, &attr);
    c->venc_created = true;

    mpi_chn vpss = {MPI_ID_VPSS, VPSS_GRP, chn};
    mpi_chn venc = {MPI_ID_VENC, 0, chn};
    MPI_CALL(CVI_SYS_Bind, chn, &vpss, &venc);
    c->bound = true;

    mpi_venc_recv_pic_param receive = {-1};
    MPI_CALL(CVI_VENC_StartRecvFrame, chn, chn, &receive);
    c->venc_receiving = true;
    c->running = true;
    c->empty_pulls = 0;
    return 0;
}

static void stop_all(void) {
    for (int i = 0; i < CKVM_CODEC_COUNT; i++) {
        if (channels[i] != NULL) {
            stop_channel(channels[i]);
        }
    }
    stop_shared();
}

/* Brings the pipeline to what the signal asks for (write lock held). */
static int converge(ckvm_sg_channel *c, int64_t signal) {
    int width = (int)(signal >> 16);
    int height = (int)(signal & 0xffff);
    if (signal == 0 || (shared.vb && (shared.width != width || shared.height != height))) {
        stop_all(); /* lost, or a new input size: every channel restarts at the next pull */
    }
    if (signal == 0) {
        return -ENOLINK;
    }
    if (width > CKVM_SG_MAX_WIDTH || height > CKVM_SG_MAX_HEIGHT) {
        pthread_mutex_lock(&problem_lock);
        snprintf(problem, sizeof problem, "the HDMI input is %dx%d, larger than the %dx%d the pipeline takes", width,
                 height, CKVM_SG_MAX_WIDTH, CKVM_SG_MAX_HEIGHT);
        pthread_mutex_unlock(&problem_lock);
        return -ENOLINK;
    }
    int rc = 0;
    if (!shared.vb) {
        rc = start_shared_steps(width, height);
    }
    if (rc == 0 && !c->running) {
        rc = start_channel_steps(c);
    }
    if (rc != 0) {
        stop_all();
    }
    return rc;
}

static bool ready(const ckvm_sg_channel *c, int64_t signal) {
    return signal != 0 && shared.vb && c->running && shared.width == (int)(signal >> 16) &&
           shared.height == (int)(signal & 0xffff);
}

int ckvm_sg_open(const ckvm_params *params, int width, int height, ckvm_sg_channel **out) {
    int rc = ckvm_params_check(params);
    if (rc != 0) {
        return rc;
    }
    if (width < 0 || height < 0 || width > CKVM_SG_MAX_WIDTH || height > CKVM_SG_MAX_HEIGHT ||
        (width == 0) != (height == 0) || width % 2 != 0 || height % 2 != 0) {
        return -EINVAL;
    }
    if (!ckvm_sg_available()) {
        return -ELIBACC;
    }
    ckvm_sg_channel *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return -ENOMEM;
    }
    c->magic = CHANNEL_MAGIC;
    c->params = *params;
    c->requested_width = width;
    c->requested_height = height;
    c->max_frame_bytes = ckvm_max_frame_bytes(params->codec, width > 0 ? width : CKVM_SG_MAX_WIDTH,
                                              height > 0 ? height : CKVM_SG_MAX_HEIGHT);
    pthread_rwlock_wrlock(&lock);
    if (channels[params->codec] != NULL) {
        pthread_rwlock_unlock(&lock);
        free(c);
        return -EBUSY;
    }
    channels[params->codec] = c;
    pthread_rwlock_unlock(&lock);
    *out = c;
    return 0;
}

bool ckvm_sg_valid(const ckvm_sg_channel *channel) {
    return channel != NULL && channel->magic == CHANNEL_MAGIC;
}

static bool is_key(const mpi_venc_stream *stream, int codec) {
    if (codec == CKVM_CODEC_MJPEG) {
        return true;
    }
    for (uint32_t i = 0; i < stream->pack_count; i++) {
        if (stream->packs[i].data_type == MPI_H264E_NALU_IDRSLICE) {
            return true;
        }
    }
    return false;
}

int64_t ckvm_sg_next(ckvm_sg_channel *c, uint8_t *dst, size_t capacity, bool want_key, int timeout_ms) {
    if (dst == NULL || timeout_ms < 0) {
        return -EINVAL;
    }
    int64_t signal = ckvm_sg_signal();
    pthread_rwlock_rdlock(&lock);
    if (!ready(c, signal)) {
        pthread_rwlock_unlock(&lock);
        pthread_rwlock_wrlock(&lock);
        int rc = converge(c, signal);
        pthread_rwlock_unlock(&lock);
        if (rc != 0) {
            return rc;
        }
        pthread_rwlock_rdlock(&lock);
        if (!ready(c, signal)) {
            pthread_rwlock_unlock(&lock); /* changed again in between: the next call converges */
            return 0;
        }
    }
    int chn = c->params.codec;
    if (want_key) {
        int32_t code = mpi.CVI_VENC_RequestIDR(chn, 1);
        if (code != 0) {
            pthread_rwlock_unlock(&lock);
            return failed("CVI_VENC_RequestIDR", chn, code);
        }
    }
    mpi_venc_stream stream;
    memset(&stream, 0, sizeof stream);
    stream.packs = c->packs;
    stream.pack_count = MAX_PACKS;
    int32_t code = mpi.CVI_VENC_GetStream(chn, &stream, timeout_ms);
    if (code != 0) {
        pthread_rwlock_unlock(&lock);
        if (++c->empty_pulls >= MAX_EMPTY_PULLS) {
            failed("CVI_VENC_GetStream: no frame while the HDMI signal is present; last call", chn, code);
            pthread_rwlock_wrlock(&lock);
            stop_all();
            pthread_rwlock_unlock(&lock);
            return -EIO;
        }
        return 0;
    }
    c->empty_pulls = 0;
    int64_t result;
    size_t total = 0;
    bool fits = stream.pack_count <= MAX_PACKS;
    for (uint32_t i = 0; fits && i < stream.pack_count; i++) {
        const mpi_venc_pack *pack = &stream.packs[i];
        if (pack->offset > pack->len) {
            fits = false;
            break;
        }
        total += pack->len - pack->offset;
    }
    if (!fits) {
        result = -EPROTO;
    } else if (total > capacity || total > 0x7fffffff) {
        result = -ENOBUFS;
    } else {
        size_t at = 0;
        for (uint32_t i = 0; i < stream.pack_count; i++) {
            const mpi_venc_pack *pack = &stream.packs[i];
            memcpy(dst + at, pack->addr + pack->offset, pack->len - pack->offset);
            at += pack->len - pack->offset;
        }
        result = (int64_t)total | (is_key(&stream, c->params.codec) ? CKVM_RESULT_KEY : 0);
        c->last_width = c->out_width;
        c->last_height = c->out_height;
    }
    code = mpi.CVI_VENC_ReleaseStream(chn, &stream);
    pthread_rwlock_unlock(&lock);
    if (code != 0) {
        return failed("CVI_VENC_ReleaseStream", chn, code);
    }
    if (result == -ENOBUFS && c->params.codec == CKVM_CODEC_H264) {
        mpi.CVI_VENC_RequestIDR(chn, 1); /* the dropped frame broke the reference chain */
    }
    return result;
}

int ckvm_sg_reconfigure(ckvm_sg_channel *c, const ckvm_params *params) {
    int rc = ckvm_params_check(params);
    if (rc != 0) {
        return rc;
    }
    if (params->codec != c->params.codec) {
        return -EINVAL;
    }
    pthread_rwlock_wrlock(&lock);
    c->params = *params;
    if (c->running) {
        int chn = params->codec;
        mpi_venc_chn_attr attr;
        memset(&attr, 0, sizeof attr);
        int32_t code = mpi.CVI_VENC_GetChnAttr(chn, &attr);
        if (code == 0) {
            fill_rate_control(&attr, params);
            code = mpi.CVI_VENC_SetChnAttr(chn, &attr);
            rc = code == 0 ? 0 : failed("CVI_VENC_SetChnAttr", chn, code);
        } else {
            rc = failed("CVI_VENC_GetChnAttr", chn, code);
        }
    }
    pthread_rwlock_unlock(&lock);
    return rc;
}

int64_t ckvm_sg_info(const ckvm_sg_channel *c, int field) {
    switch (field) {
    case CKVM_SG_WIDTH:
        return c->last_width;
    case CKVM_SG_HEIGHT:
        return c->last_height;
    case CKVM_SG_MAX_FRAME_BYTES:
        return c->max_frame_bytes;
    case CKVM_SG_RUNNING:
        return c->running ? 1 : 0;
    default:
        return -EINVAL;
    }
}

void ckvm_sg_close(ckvm_sg_channel *c) {
    pthread_rwlock_wrlock(&lock);
    stop_channel(c);
    channels[c->params.codec] = NULL;
    bool last = true;
    for (int i = 0; i < CKVM_CODEC_COUNT; i++) {
        last = last && channels[i] == NULL;
    }
    if (last) {
        stop_shared();
    }
    pthread_rwlock_unlock(&lock);
    c->magic = 0;
    free(c);
}
