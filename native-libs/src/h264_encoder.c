#include "h264_encoder.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"

int ckvm_h264_init(ckvm_h264_encoder *encoder, const ckvm_params *params) {
    memset(encoder, 0, sizeof *encoder);
    if (!ckvm_codec_available(CKVM_CODEC_H264)) {
        return -ELIBACC;
    }
    encoder->params = *params;
    return 0;
}

static void release_encoder(ckvm_h264_encoder *encoder) {
    if (encoder->encoder != NULL) {
        (*encoder->encoder)->Uninitialize(encoder->encoder);
        ckvm_openh264_api()->destroy_encoder(encoder->encoder);
        encoder->encoder = NULL;
    }
}

static void fill_parameters(const ckvm_h264_encoder *encoder, int width, int height, SEncParamExt *p) {
    const ckvm_params *params = &encoder->params;
    int bitrate = params->bitrate_kbps * 1000;
    p->iUsageType = CAMERA_VIDEO_REAL_TIME;
    p->iPicWidth = width;
    p->iPicHeight = height;
    p->fMaxFrameRate = (float)params->fps;
    p->iTargetBitrate = bitrate;
    /* CBR-like: the bitrate mode holds the target; VBR: the quality mode lets it float. */
    p->iRCMode = params->rate_control == CKVM_RC_CBR ? RC_BITRATE_MODE : RC_QUALITY_MODE;
    p->iMaxBitrate = params->rate_control == CKVM_RC_CBR ? bitrate : UNSPECIFIED_BIT_RATE;
    /* A skipped frame would freeze the viewer until the next change: never skip. */
    p->bEnableFrameSkip = false;
    /*
     * No deficit carried from one rate-control window to the next: when the target was below what
     * the picture needs at iMaxQp (a slow viewer pulled it down), openh264 would otherwise pay the
     * overshoot back after the target rose again, holding the bitrate near the old one for many
     * seconds. The viewers' adaptation (h264ws BitratePolicy) already answers to what the link
     * delivers, so the encoder need not make up for the past.
     */
    p->bFixRCOverShoot = false;
    p->uiIntraPeriod = (unsigned int)params->gop;
    p->iTemporalLayerNum = 1;
    p->iSpatialLayerNum = 1;
    p->iNumRefFrame = 1;
    p->iEntropyCodingModeFlag = 0; /* CAVLC: Constrained Baseline has no CABAC */
    p->eSpsPpsIdStrategy = CONSTANT_ID; /* every IDR repeats the same SPS/PPS a late joiner can use */
    p->bPrefixNalAddingCtrl = false;
    p->bEnableSSEI = false;
    p->bSimulcastAVC = false;
    p->iPaddingFlag = 0;
    p->iMultipleThreadIdc = 1; /* no threads of the library's own: one core on the device */
    p->bEnableLongTermReference = false;
    p->bEnableDenoise = false;
    p->bEnableBackgroundDetection = true;
    p->bEnableAdaptiveQuant = true;
    p->bEnableSceneChangeDetect = false; /* IDRs come on request and per GOP only */
    p->iMinQp = 12;                       /* bounds the size of an IDR of a busy screen */
    p->iMaxQp = 42;
    SSpatialLayerConfig *layer = &p->sSpatialLayers[0];
    layer->iVideoWidth = width;
    layer->iVideoHeight = height;
    layer->fFrameRate = (float)params->fps;
    layer->iSpatialBitrate = bitrate;
    layer->iMaxSpatialBitrate = p->iMaxBitrate;
    layer->uiProfileIdc = PRO_BASELINE;
    layer->uiLevelIdc = LEVEL_UNKNOWN;
    layer->sSliceArgument.uiSliceMode = SM_SINGLE_SLICE;
    layer->sSliceArgument.uiSliceNum = 1;
}

static int create_encoder(ckvm_h264_encoder *encoder, int width, int height) {
    release_encoder(encoder);
    ISVCEncoder *created = NULL;
    if (ckvm_openh264_api()->create_encoder(&created) != 0 || created == NULL) {
        return -ENOMEM;
    }
    SEncParamExt parameters;
    memset(&parameters, 0, sizeof parameters);
    (*created)->GetDefaultParams(created, &parameters);
    fill_parameters(encoder, width, height, &parameters);
    int quiet = WELS_LOG_ERROR;
    (*created)->SetOption(created, ENCODER_OPTION_TRACE_LEVEL, &quiet);
    if ((*created)->InitializeExt(created, &parameters) != cmResultSuccess) {
        ckvm_openh264_api()->destroy_encoder(created);
        return -EINVAL;
    }
    int format = videoFormatI420;
    (*created)->SetOption(created, ENCODER_OPTION_DATAFORMAT, &format);
    encoder->encoder = created;
    encoder->width = width;
    encoder->height = height;
    encoder->reinit = false;
    encoder->rc_fps = (float)encoder->params.fps;
    encoder->interval_sum_ms = 0;
    encoder->intervals = 0;
    return 0;
}

/*
 * Tells the rate control the rate frames really come at, when it differs by more than a tenth
 * from what it was told: at most the setting, at least half of it (a still screen's once-a-second
 * resend must not give the first frames after it a budget of a whole second).
 */
static void follow_frame_rate(ckvm_h264_encoder *encoder, int64_t interval_ms) {
    if (interval_ms <= 0) {
        return;
    }
    encoder->interval_sum_ms += interval_ms < 1000 ? interval_ms : 1000;
    if (++encoder->intervals < CKVM_H264_RATE_FRAMES) {
        return;
    }
    float fps = (float)encoder->params.fps;
    float measured = 1000.0f * (float)encoder->intervals / (float)encoder->interval_sum_ms;
    float wanted = measured > fps ? fps : measured < fps / 2 ? fps / 2 : measured;
    encoder->interval_sum_ms = 0;
    encoder->intervals = 0;
    float change = wanted - encoder->rc_fps;
    if (change > encoder->rc_fps / 10 || change < -encoder->rc_fps / 10) {
        ISVCEncoder *e = encoder->encoder;
        if ((*e)->SetOption(e, ENCODER_OPTION_FRAME_RATE, &wanted) == cmResultSuccess) {
            encoder->rc_fps = wanted;
        }
    }
}

static int ensure_scratch(ckvm_h264_encoder *encoder, int width, int height) {
    size_t needed = (size_t)width * (size_t)height * 3 / 2;
    if (encoder->i420_bytes >= needed) {
        return 0;
    }
    free(encoder->i420);
    encoder->i420 = malloc(needed);
    encoder->i420_bytes = encoder->i420 == NULL ? 0 : needed;
    return encoder->i420 == NULL ? -ENOMEM : 0;
}

int64_t ckvm_h264_encode(ckvm_h264_encoder *encoder, const uint8_t *bgrx, int width, int height, int stride,
                         int64_t timestamp_millis, uint8_t *dst, size_t capacity) {
    if (width < 16 || height < 16 || (width & 1) != 0 || (height & 1) != 0 || stride < width * 4) {
        return -EINVAL;
    }
    if (encoder->encoder == NULL || encoder->reinit || width != encoder->width || height != encoder->height) {
        int rc = ensure_scratch(encoder, width, height);
        if (rc == 0) {
            rc = create_encoder(encoder, width, height);
        }
        if (rc != 0) {
            return rc;
        }
    }
    if (encoder->force_idr) {
        (*encoder->encoder)->ForceIntraFrame(encoder->encoder, true);
        encoder->force_idr = false;
    }
    size_t luma = (size_t)width * (size_t)height;
    uint8_t *y = encoder->i420;
    uint8_t *u = y + luma;
    uint8_t *v = u + luma / 4;
    ckvm_bgrx_to_i420(bgrx, width, height, stride, y, u, v);

    if (timestamp_millis <= encoder->last_timestamp) {
        timestamp_millis = encoder->last_timestamp + 1;
    }
    if (encoder->last_timestamp > 0) {
        follow_frame_rate(encoder, timestamp_millis - encoder->last_timestamp);
    }
    encoder->last_timestamp = timestamp_millis;
    SSourcePicture picture;
    memset(&picture, 0, sizeof picture);
    picture.iColorFormat = videoFormatI420;
    picture.iPicWidth = width;
    picture.iPicHeight = height;
    picture.iStride[0] = width;
    picture.iStride[1] = width / 2;
    picture.iStride[2] = width / 2;
    picture.pData[0] = y;
    picture.pData[1] = u;
    picture.pData[2] = v;
    picture.uiTimeStamp = timestamp_millis;
    SFrameBSInfo info;
    memset(&info, 0, sizeof info);
    if ((*encoder->encoder)->EncodeFrame(encoder->encoder, &picture, &info) != cmResultSuccess) {
        return -EIO;
    }
    if (info.eFrameType == videoFrameTypeSkip || info.eFrameType == videoFrameTypeInvalid) {
        return 0;
    }
    /* The layers' NAL units already carry Annex-B start codes; copy them once, in order. */
    size_t written = 0;
    for (int l = 0; l < info.iLayerNum; l++) {
        const SLayerBSInfo *layer = &info.sLayerInfo[l];
        size_t layer_bytes = 0;
        for (int n = 0; n < layer->iNalCount; n++) {
            layer_bytes += (size_t)layer->pNalLengthInByte[n];
        }
        if (written + layer_bytes > capacity) {
            /* The reference chain is broken for whoever gets the next frame: restart it. */
            encoder->force_idr = true;
            return -ENOBUFS;
        }
        memcpy(dst + written, layer->pBsBuf, layer_bytes);
        written += layer_bytes;
    }
    bool key = info.eFrameType == videoFrameTypeIDR;
    return (int64_t)written | (key ? CKVM_RESULT_KEY : 0);
}

int ckvm_h264_force_idr(ckvm_h264_encoder *encoder) {
    /* Kept as a flag so a request before the first frame, or across a re-creation, is not lost. */
    encoder->force_idr = true;
    return 0;
}

int ckvm_h264_reconfigure(ckvm_h264_encoder *encoder, const ckvm_params *params) {
    bool rate_control_changed = params->rate_control != encoder->params.rate_control;
    int previous_kbps = encoder->params.bitrate_kbps;
    encoder->params = *params;
    if (encoder->encoder == NULL) {
        return 0;
    }
    if (rate_control_changed) {
        encoder->reinit = true;
        return 0;
    }
    ISVCEncoder *e = encoder->encoder;
    float fps = (float)params->fps;
    int gop = params->gop;
    /*
     * The one spatial layer, not SPATIAL_LAYER_ALL: openh264 applies an "all layers" maximum to
     * the sequence only and then checks each layer's target against the layer's own maximum, so
     * raising the bitrate above the one the encoder was opened with failed and re-created it.
     */
    SBitrateInfo bitrate = {SPATIAL_LAYER_0, params->bitrate_kbps * 1000};
    SBitrateInfo max_bitrate = {SPATIAL_LAYER_0,
                                params->rate_control == CKVM_RC_CBR ? bitrate.iBitrate : UNSPECIFIED_BIT_RATE};
    int failed = 0;
    failed |= (*e)->SetOption(e, ENCODER_OPTION_FRAME_RATE, &fps);
    encoder->rc_fps = fps;
    encoder->interval_sum_ms = 0;
    encoder->intervals = 0;
    failed |= (*e)->SetOption(e, ENCODER_OPTION_IDR_INTERVAL, &gop);
    /* openh264 refuses a target above the layer's maximum: raise the maximum first when growing,
     * lower it last when shrinking. */
    if (params->rate_control == CKVM_RC_CBR && params->bitrate_kbps > previous_kbps) {
        failed |= (*e)->SetOption(e, ENCODER_OPTION_MAX_BITRATE, &max_bitrate);
        failed |= (*e)->SetOption(e, ENCODER_OPTION_BITRATE, &bitrate);
    } else if (params->rate_control == CKVM_RC_CBR) {
        failed |= (*e)->SetOption(e, ENCODER_OPTION_BITRATE, &bitrate);
        failed |= (*e)->SetOption(e, ENCODER_OPTION_MAX_BITRATE, &max_bitrate);
    } else {
        failed |= (*e)->SetOption(e, ENCODER_OPTION_BITRATE, &bitrate);
    }
    if (failed != 0) {
        encoder->reinit = true; /* apply by re-creating at the next frame */
    }
    return 0;
}

void ckvm_h264_destroy(ckvm_h264_encoder *encoder) {
    release_encoder(encoder);
    free(encoder->i420);
    memset(encoder, 0, sizeof *encoder);
}
