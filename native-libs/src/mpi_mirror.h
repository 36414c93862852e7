/*
 * Mirrors of the vendor MPI structures the sg2002 backend passes to the CVITEK/SOPHGO media
 * libraries (libsys.so, libvpu.so, libvenc.so on the device). No vendor header is used or
 * committed: each struct below has only the fields CubeKVM sets or reads, the rest is padding,
 * and every size and offset is asserted.
 *
 * Source of the figures: the public headers of github.com/sophgo/middleware, tag
 * "weekly-rls-2024-02-26" (commit 5cb4b98), v2/include/linux/cvi_common.h, cvi_comm_video.h,
 * cvi_comm_vi.h, cvi_comm_vpss.h, cvi_comm_venc.h, cvi_comm_rc.h and v2/include/cvi_comm_vb.h,
 * compiled for riscv64 (rv64gc, lp64d; the same figures came out for x86-64 LP64) and printed
 * with sizeof/offsetof. CVI_BOOL is unsigned char there; enums are 4 bytes; pointers 8.
 * The ARM-only padding members (#ifdef __arm__) do not exist on riscv64.
 */
#ifndef CUBEKVM_MPI_MIRROR_H
#define CUBEKVM_MPI_MIRROR_H

#include <stddef.h>
#include <stdint.h>

#define MPI_ASSERT_SIZE(type, size) _Static_assert(sizeof(type) == (size), #type " must be " #size " bytes")
#define MPI_ASSERT_OFFSET(type, field, offset) \
    _Static_assert(offsetof(type, field) == (offset), #type "." #field " must be at " #offset)

/* cvi_common.h: MOD_ID_E values and MMF_CHN_S */
#define MPI_ID_VPSS 6
#define MPI_ID_VENC 7
#define MPI_ID_VI 14

typedef struct {
    int32_t mod_id;
    int32_t dev_id;
    int32_t chn_id;
} mpi_chn;
MPI_ASSERT_SIZE(mpi_chn, 12);

/* cvi_common.h: PAYLOAD_TYPE_E */
#define MPI_PT_H264 96
#define MPI_PT_MJPEG 1002

/* cvi_comm_video.h: PIXEL_FORMAT_E, VIDEO_FORMAT_E, SIZE_S, FRAME_RATE_CTRL_S */
#define MPI_PIXEL_FORMAT_NV21 19
#define MPI_PIXEL_FORMAT_UYVY 23
#define MPI_VIDEO_FORMAT_LINEAR 0

typedef struct {
    int32_t src;
    int32_t dst;
} mpi_frame_rate;
MPI_ASSERT_SIZE(mpi_frame_rate, 8);

/* cvi_comm_vb.h: VB_POOL_CONFIG_S (blk size, count, remap mode, 32-byte name), VB_CONFIG_S */
#define MPI_VB_MAX_COMM_POOLS 16
typedef struct {
    uint32_t blk_size;
    uint32_t blk_count;
    int32_t remap_mode;
    char name[32];
} mpi_vb_pool;
MPI_ASSERT_SIZE(mpi_vb_pool, 44);

typedef struct {
    uint32_t max_pool_count;
    mpi_vb_pool pools[MPI_VB_MAX_COMM_POOLS];
} mpi_vb_config;
MPI_ASSERT_SIZE(mpi_vb_config, 708);
MPI_ASSERT_OFFSET(mpi_vb_config, pools, 4);

/* cvi_comm_vi.h: VI_DEV_ATTR_S */
#define MPI_VI_MODE_MIPI_YUV422 8
#define MPI_VI_WORK_MODE_1MULTIPLEX 0
#define MPI_VI_SCAN_PROGRESSIVE 1
#define MPI_VI_DATA_SEQ_YUYV 4
#define MPI_VI_DATA_TYPE_YUV 0
typedef struct {
    int32_t intf_mode;
    int32_t work_mode;
    int32_t scan_mode;
    int32_t ad_chn_id[4];
    int32_t data_seq;
    uint8_t sync_cfg[60]; /* VI_SYNC_CFG_S: BT.601/DC only, zero for MIPI */
    int32_t input_data_type;
    uint32_t width;
    uint32_t height;
    uint8_t rest[36]; /* WDR attr, bayer format, counts, mux, switch pin */
} mpi_vi_dev_attr;
MPI_ASSERT_SIZE(mpi_vi_dev_attr, 140);
MPI_ASSERT_OFFSET(mpi_vi_dev_attr, ad_chn_id, 12);
MPI_ASSERT_OFFSET(mpi_vi_dev_attr, data_seq, 28);
MPI_ASSERT_OFFSET(mpi_vi_dev_attr, input_data_type, 92);
MPI_ASSERT_OFFSET(mpi_vi_dev_attr, width, 96);

/* cvi_comm_vi.h: VI_PIPE_ATTR_S */
typedef struct {
    int32_t bypass_mode;
    uint8_t yuv_skip;
    uint8_t pad0[3];
    uint32_t max_width;
    uint32_t max_height;
    int32_t pixel_format;
    uint8_t rest0[21];
    uint8_t yuv_bypass_path; /* at 41 */
    uint8_t rest1[2];
} mpi_vi_pipe_attr;
MPI_ASSERT_SIZE(mpi_vi_pipe_attr, 44);
MPI_ASSERT_OFFSET(mpi_vi_pipe_attr, yuv_skip, 4);
MPI_ASSERT_OFFSET(mpi_vi_pipe_attr, max_width, 8);
MPI_ASSERT_OFFSET(mpi_vi_pipe_attr, pixel_format, 16);
MPI_ASSERT_OFFSET(mpi_vi_pipe_attr, yuv_bypass_path, 41);

/* cvi_comm_vi.h: VI_CHN_ATTR_S */
typedef struct {
    uint32_t width;
    uint32_t height;
    int32_t pixel_format;
    uint8_t rest0[20];
    mpi_frame_rate frame_rate; /* at 32 */
    uint8_t rest1[4];
} mpi_vi_chn_attr;
MPI_ASSERT_SIZE(mpi_vi_chn_attr, 44);
MPI_ASSERT_OFFSET(mpi_vi_chn_attr, pixel_format, 8);
MPI_ASSERT_OFFSET(mpi_vi_chn_attr, frame_rate, 32);

/* cvi_comm_vpss.h: VPSS_GRP_ATTR_S */
typedef struct {
    uint32_t max_width;
    uint32_t max_height;
    int32_t pixel_format;
    mpi_frame_rate frame_rate;
    uint8_t vpss_dev;
    uint8_t pad[3];
} mpi_vpss_grp_attr;
MPI_ASSERT_SIZE(mpi_vpss_grp_attr, 24);
MPI_ASSERT_OFFSET(mpi_vpss_grp_attr, frame_rate, 12);
MPI_ASSERT_OFFSET(mpi_vpss_grp_attr, vpss_dev, 20);

/* cvi_comm_vpss.h: VPSS_CHN_ATTR_S (the output size is where VPSS scales) */
typedef struct {
    uint32_t width;
    uint32_t height;
    int32_t video_format;
    int32_t pixel_format;
    mpi_frame_rate frame_rate;
    uint8_t mirror;
    uint8_t flip;
    uint8_t pad0[2];
    uint32_t depth;
    uint8_t aspect_ratio[24]; /* ASPECT_RATIO_S: mode 0 = none */
    uint8_t normalize[36];    /* VPSS_NORMALIZE_S: disabled */
} mpi_vpss_chn_attr;
MPI_ASSERT_SIZE(mpi_vpss_chn_attr, 92);
MPI_ASSERT_OFFSET(mpi_vpss_chn_attr, frame_rate, 16);
MPI_ASSERT_OFFSET(mpi_vpss_chn_attr, depth, 28);
MPI_ASSERT_OFFSET(mpi_vpss_chn_attr, aspect_ratio, 32);

/* cvi_comm_venc.h: VENC_PACK_S, VENC_STREAM_S, VENC_CHN_STATUS_S */
#define MPI_H264E_NALU_ISLICE 2
#define MPI_H264E_NALU_IDRSLICE 5
typedef struct {
    uint64_t phys_addr;
    uint8_t *addr;
    uint32_t len;
    uint32_t pad0;
    uint64_t pts;
    uint8_t frame_end;
    uint8_t pad1[3];
    int32_t data_type; /* VENC_DATA_TYPE_U: the H.264 NAL type of this pack */
    uint32_t offset;   /* valid data starts at addr + offset */
    uint8_t rest[100];
} mpi_venc_pack;
MPI_ASSERT_SIZE(mpi_venc_pack, 144);
MPI_ASSERT_OFFSET(mpi_venc_pack, addr, 8);
MPI_ASSERT_OFFSET(mpi_venc_pack, len, 16);
MPI_ASSERT_OFFSET(mpi_venc_pack, pts, 24);
MPI_ASSERT_OFFSET(mpi_venc_pack, data_type, 36);
MPI_ASSERT_OFFSET(mpi_venc_pack, offset, 40);

typedef struct {
    mpi_venc_pack *packs; /* caller-owned array */
    uint32_t pack_count;
    uint32_t seq;
    uint8_t info[368]; /* per-codec stream info unions */
} mpi_venc_stream;
MPI_ASSERT_SIZE(mpi_venc_stream, 384);
MPI_ASSERT_OFFSET(mpi_venc_stream, pack_count, 8);
MPI_ASSERT_OFFSET(mpi_venc_stream, seq, 12);

typedef struct {
    uint32_t left_pics;
    uint32_t left_stream_bytes;
    uint32_t left_stream_frames;
    uint32_t cur_packs;
    uint8_t rest[72];
} mpi_venc_chn_status;
MPI_ASSERT_SIZE(mpi_venc_chn_status, 88);
MPI_ASSERT_OFFSET(mpi_venc_chn_status, cur_packs, 12);

/* cvi_comm_venc.h / cvi_comm_rc.h: VENC_CHN_ATTR_S = VENC_ATTR_S + VENC_RC_ATTR_S + VENC_GOP_ATTR_S */
#define MPI_RC_H264CBR 1
#define MPI_RC_H264VBR 2
#define MPI_RC_MJPEGFIXQP 10
#define MPI_GOPMODE_NORMALP 0
typedef struct {
    int32_t type; /* PAYLOAD_TYPE_E */
    uint32_t max_width;
    uint32_t max_height;
    uint32_t buf_size;
    uint32_t profile;
    uint8_t by_frame;
    uint8_t pad0[3];
    uint32_t width;
    uint32_t height;
    uint8_t rest[32]; /* single core, queue flags, per-codec attribute union */
} mpi_venc_attr;
MPI_ASSERT_SIZE(mpi_venc_attr, 64);
MPI_ASSERT_OFFSET(mpi_venc_attr, by_frame, 20);
MPI_ASSERT_OFFSET(mpi_venc_attr, width, 24);

/* VENC_H264_CBR_S and VENC_H264_VBR_S share this layout (bitrate = u32BitRate / u32MaxBitRate). */
typedef struct {
    uint32_t gop;
    uint32_t stat_time;
    uint32_t src_frame_rate;
    uint32_t dst_frame_rate; /* CVI_FR32 */
    uint32_t bitrate_kbps;
    uint8_t vari_fps;
    uint8_t pad[3];
} mpi_rc_h264;
MPI_ASSERT_SIZE(mpi_rc_h264, 24);
MPI_ASSERT_OFFSET(mpi_rc_h264, bitrate_kbps, 16);

/* VENC_MJPEG_FIXQP_S */
typedef struct {
    uint32_t src_frame_rate;
    uint32_t dst_frame_rate;
    uint32_t qfactor; /* 1..99 */
    uint8_t vari_fps;
    uint8_t pad[3];
} mpi_rc_mjpeg_fixqp;
MPI_ASSERT_SIZE(mpi_rc_mjpeg_fixqp, 16);
MPI_ASSERT_OFFSET(mpi_rc_mjpeg_fixqp, qfactor, 8);

typedef struct {
    int32_t mode; /* VENC_RC_MODE_E */
    union {
        mpi_rc_h264 h264;
        mpi_rc_mjpeg_fixqp mjpeg;
        uint8_t size[28];
    } u;
} mpi_venc_rc_attr;
MPI_ASSERT_SIZE(mpi_venc_rc_attr, 32);
MPI_ASSERT_OFFSET(mpi_venc_rc_attr, u, 4);

typedef struct {
    int32_t mode; /* VENC_GOP_MODE_E */
    uint8_t rest[12];
} mpi_venc_gop_attr;
MPI_ASSERT_SIZE(mpi_venc_gop_attr, 16);

typedef struct {
    mpi_venc_attr venc;
    mpi_venc_rc_attr rc;
    mpi_venc_gop_attr gop;
} mpi_venc_chn_attr;
MPI_ASSERT_SIZE(mpi_venc_chn_attr, 112);
MPI_ASSERT_OFFSET(mpi_venc_chn_attr, rc, 64);
MPI_ASSERT_OFFSET(mpi_venc_chn_attr, gop, 96);

typedef struct {
    int32_t recv_pic_num; /* -1: until stopped */
} mpi_venc_recv_pic_param;
MPI_ASSERT_SIZE(mpi_venc_recv_pic_param, 4);

/* The MPI entry points the backend binds (signatures as in cvi_sys.h, cvi_vb.h, cvi_vi.h,
 * cvi_vpss.h, cvi_venc.h of the same release). Every one returns CVI_S32, 0 on success. */
#define MPI_FUNCTIONS(X)                                                                         \
    X(CVI_SYS_Init, (void))                                                                      \
    X(CVI_SYS_Exit, (void))                                                                      \
    X(CVI_SYS_Bind, (const mpi_chn *src, const mpi_chn *dst))                                    \
    X(CVI_SYS_UnBind, (const mpi_chn *src, const mpi_chn *dst))                                  \
    X(CVI_VB_SetConfig, (const mpi_vb_config *config))                                           \
    X(CVI_VB_Init, (void))                                                                       \
    X(CVI_VB_Exit, (void))                                                                       \
    X(CVI_VI_SetDevAttr, (int32_t dev, const mpi_vi_dev_attr *attr))                             \
    X(CVI_VI_EnableDev, (int32_t dev))                                                           \
    X(CVI_VI_DisableDev, (int32_t dev))                                                          \
    X(CVI_VI_CreatePipe, (int32_t pipe, const mpi_vi_pipe_attr *attr))                           \
    X(CVI_VI_StartPipe, (int32_t pipe))                                                          \
    X(CVI_VI_StopPipe, (int32_t pipe))                                                           \
    X(CVI_VI_DestroyPipe, (int32_t pipe))                                                        \
    X(CVI_VI_SetChnAttr, (int32_t pipe, int32_t chn, mpi_vi_chn_attr *attr))                     \
    X(CVI_VI_EnableChn, (int32_t pipe, int32_t chn))                                             \
    X(CVI_VI_DisableChn, (int32_t pipe, int32_t chn))                                            \
    X(CVI_VPSS_CreateGrp, (int32_t grp, const mpi_vpss_grp_attr *attr))                          \
    X(CVI_VPSS_DestroyGrp, (int32_t grp))                                                        \
    X(CVI_VPSS_StartGrp, (int32_t grp))                                                          \
    X(CVI_VPSS_StopGrp, (int32_t grp))                                                           \
    X(CVI_VPSS_SetChnAttr, (int32_t grp, int32_t chn, const mpi_vpss_chn_attr *attr))            \
    X(CVI_VPSS_EnableChn, (int32_t grp, int32_t chn))                                            \
    X(CVI_VPSS_DisableChn, (int32_t grp, int32_t chn))                                           \
    X(CVI_VENC_CreateChn, (int32_t chn, const mpi_venc_chn_attr *attr))                          \
    X(CVI_VENC_DestroyChn, (int32_t chn))                                                        \
    X(CVI_VENC_ResetChn, (int32_t chn))                                                          \
    X(CVI_VENC_StartRecvFrame, (int32_t chn, const mpi_venc_recv_pic_param *param))              \
    X(CVI_VENC_StopRecvFrame, (int32_t chn))                                                     \
    X(CVI_VENC_QueryStatus, (int32_t chn, mpi_venc_chn_status *status))                          \
    X(CVI_VENC_GetChnAttr, (int32_t chn, mpi_venc_chn_attr *attr))                               \
    X(CVI_VENC_SetChnAttr, (int32_t chn, const mpi_venc_chn_attr *attr))                         \
    X(CVI_VENC_GetStream, (int32_t chn, mpi_venc_stream *stream, int32_t millis))                \
    X(CVI_VENC_ReleaseStream, (int32_t chn, mpi_venc_stream *stream))                            \
    X(CVI_VENC_RequestIDR, (int32_t chn, uint8_t instant))

#endif
