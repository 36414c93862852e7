/*
 * The JNI surface of libcubekvm: every native of org.cubekvm.nativebridge.internal.Native,
 * registered from a table in JNI_OnLoad, so the library exports no Java_ symbols (and a
 * renamed Java method fails loudly at load time, not at the first call).
 *
 * Conventions: natives end in 0, take primitives and direct-buffer addresses, and return
 * -errno on failure. Handles are pointers checked by a magic number. Nothing here calls back
 * into Java.
 */
#include <errno.h>
#include <jni.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "codecs.h"
#include "cubekvm.h"
#include "encoder.h"
#include "gpio.h"
#include "i2c.h"
#include "net.h"
#include "recording.h"
#include "sg2002.h"

#define NATIVE_CLASS "org/cubekvm/nativebridge/internal/Native"

static inline void *address(jlong value) {
    return (void *)(intptr_t)value;
}

static jint abi_version(JNIEnv *env, jclass cls) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    return CKVM_ABI_VERSION;
}

static jlong epoch_micros(JNIEnv *env, jclass cls) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    return ckvm_epoch_micros();
}

/* 0 for a heap buffer: the callers only pass direct buffers, and check. */
static jlong buffer_address(JNIEnv *env, jclass cls, jobject buffer) {
    CKVM_UNUSED(cls);
    if (buffer == NULL) {
        return 0;
    }
    return (jlong)(intptr_t)(*env)->GetDirectBufferAddress(env, buffer);
}

static jint codec_available(JNIEnv *env, jclass cls, jint codec) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    return ckvm_codec_available(codec) ? 1 : 0;
}

/* A diagnostic, not on the frame path: a Java string is the simplest correct answer. */
static jstring codec_problem(JNIEnv *env, jclass cls, jint codec) {
    CKVM_UNUSED(cls);
    char problem[512];
    if (!ckvm_codec_problem(codec, problem, sizeof problem)) {
        return NULL;
    }
    return (*env)->NewStringUTF(env, problem);
}

static jint set_codec_disabled(JNIEnv *env, jclass cls, jint codec, jboolean disabled) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    return ckvm_codec_set_disabled(codec, disabled == JNI_TRUE);
}

static jlong max_frame_bytes(JNIEnv *env, jclass cls, jint codec, jint width, jint height) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    return ckvm_max_frame_bytes(codec, width, height);
}

static jlong encoder_open(JNIEnv *env, jclass cls, jint codec, jint fps, jint quality, jint bitrate_kbps, jint gop,
                          jint rate_control) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_params params = {codec, fps, quality, bitrate_kbps, gop, rate_control};
    ckvm_encoder *encoder = NULL;
    int rc = ckvm_encoder_open(&params, &encoder);
    return rc != 0 ? rc : (jlong)(intptr_t)encoder;
}

static jlong encode(JNIEnv *env, jclass cls, jlong handle, jlong src, jint width, jint height, jint stride,
                    jlong timestamp_millis, jlong dst, jint capacity) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_encoder *encoder = address(handle);
    if (!ckvm_encoder_valid(encoder)) {
        return -EBADF;
    }
    if (capacity < 0) {
        return -EINVAL;
    }
    return ckvm_encoder_encode(encoder, address(src), width, height, stride, timestamp_millis, address(dst),
                               (size_t)capacity);
}

static jint encoder_force_key(JNIEnv *env, jclass cls, jlong handle) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_encoder *encoder = address(handle);
    return ckvm_encoder_valid(encoder) ? ckvm_encoder_force_key(encoder) : -EBADF;
}

static jint encoder_reconfigure(JNIEnv *env, jclass cls, jlong handle, jint codec, jint fps, jint quality,
                                jint bitrate_kbps, jint gop, jint rate_control) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_encoder *encoder = address(handle);
    if (!ckvm_encoder_valid(encoder)) {
        return -EBADF;
    }
    ckvm_params params = {codec, fps, quality, bitrate_kbps, gop, rate_control};
    return ckvm_encoder_reconfigure(encoder, &params);
}

static jint encoder_close(JNIEnv *env, jclass cls, jlong handle) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_encoder *encoder = address(handle);
    if (!ckvm_encoder_valid(encoder)) {
        return -EBADF;
    }
    ckvm_encoder_close(encoder);
    return 0;
}

static jlong replay_open(JNIEnv *env, jclass cls, jlong path_address, jint path_length) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    char path[PATH_MAX];
    if (path_address == 0 || path_length <= 0) {
        return -EINVAL;
    }
    if (path_length >= (jint)sizeof path) {
        return -ENAMETOOLONG;
    }
    memcpy(path, address(path_address), (size_t)path_length);
    path[path_length] = '\0';
    if (strlen(path) != (size_t)path_length) {
        return -EINVAL; /* an embedded NUL would open another file than the one named */
    }
    ckvm_replay *replay = NULL;
    int rc = ckvm_replay_open(path, &replay);
    return rc != 0 ? rc : (jlong)(intptr_t)replay;
}

static jlong replay_info(JNIEnv *env, jclass cls, jlong handle, jint field) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_replay *replay = address(handle);
    return ckvm_replay_valid(replay) ? ckvm_replay_info(replay, field) : -EBADF;
}

static jlong replay_next(JNIEnv *env, jclass cls, jlong handle, jlong dst, jint capacity) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_replay *replay = address(handle);
    if (!ckvm_replay_valid(replay)) {
        return -EBADF;
    }
    if (dst == 0 || capacity < 0) {
        return -EINVAL;
    }
    return ckvm_replay_next(replay, address(dst), (size_t)capacity);
}

static jint replay_seek_key(JNIEnv *env, jclass cls, jlong handle) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_replay *replay = address(handle);
    return ckvm_replay_valid(replay) ? ckvm_replay_seek_key(replay) : -EBADF;
}

static jint replay_close(JNIEnv *env, jclass cls, jlong handle) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_replay *replay = address(handle);
    if (!ckvm_replay_valid(replay)) {
        return -EBADF;
    }
    ckvm_replay_close(replay);
    return 0;
}

/* ---- the sg2002 backend (sg2002.h) ---- */

static jint sg2002_available(JNIEnv *env, jclass cls) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    return ckvm_sg_available() ? 1 : 0;
}

/* A diagnostic, not on the frame path. */
static jstring sg2002_problem(JNIEnv *env, jclass cls) {
    CKVM_UNUSED(cls);
    char problem[512];
    if (!ckvm_sg_problem(problem, sizeof problem)) {
        return NULL;
    }
    return (*env)->NewStringUTF(env, problem);
}

static jlong sg2002_signal(JNIEnv *env, jclass cls) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    return ckvm_sg_signal();
}

static jlong sg2002_open(JNIEnv *env, jclass cls, jint codec, jint fps, jint quality, jint bitrate_kbps, jint gop,
                         jint rate_control, jint width, jint height) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_params params = {codec, fps, quality, bitrate_kbps, gop, rate_control};
    ckvm_sg_channel *channel = NULL;
    int rc = ckvm_sg_open(&params, width, height, &channel);
    return rc != 0 ? rc : (jlong)(intptr_t)channel;
}

static jlong sg2002_next(JNIEnv *env, jclass cls, jlong handle, jlong dst, jint capacity, jboolean want_key,
                         jint timeout_millis) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_sg_channel *channel = address(handle);
    if (!ckvm_sg_valid(channel)) {
        return -EBADF;
    }
    if (dst == 0 || capacity < 0) {
        return -EINVAL;
    }
    return ckvm_sg_next(channel, address(dst), (size_t)capacity, want_key == JNI_TRUE, timeout_millis);
}

static jint sg2002_reconfigure(JNIEnv *env, jclass cls, jlong handle, jint codec, jint fps, jint quality,
                               jint bitrate_kbps, jint gop, jint rate_control) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_sg_channel *channel = address(handle);
    if (!ckvm_sg_valid(channel)) {
        return -EBADF;
    }
    ckvm_params params = {codec, fps, quality, bitrate_kbps, gop, rate_control};
    return ckvm_sg_reconfigure(channel, &params);
}

static jlong sg2002_info(JNIEnv *env, jclass cls, jlong handle, jint field) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_sg_channel *channel = address(handle);
    return ckvm_sg_valid(channel) ? ckvm_sg_info(channel, field) : -EBADF;
}

static jint sg2002_close(JNIEnv *env, jclass cls, jlong handle) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_sg_channel *channel = address(handle);
    if (!ckvm_sg_valid(channel)) {
        return -EBADF;
    }
    ckvm_sg_close(channel);
    return 0;
}

/* ---- GPIO and I2C primitives (gpio.h, i2c.h) ---- */

/* Copies a path or name of `length` bytes at `at` into `out`: 0, or -EINVAL / -ENAMETOOLONG. */
static int copy_string(jlong at, jint length, char *out, size_t capacity) {
    if (at == 0 || length <= 0) {
        return -EINVAL;
    }
    if ((size_t)length >= capacity) {
        return -ENAMETOOLONG;
    }
    memcpy(out, address(at), (size_t)length);
    out[length] = '\0';
    return strlen(out) == (size_t)length ? 0 : -EINVAL; /* no embedded NUL */
}

static jlong gpio_request(JNIEnv *env, jclass cls, jlong path_address, jint path_length, jint offset, jint output,
                          jint initial_level, jlong consumer_address, jint consumer_length) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    char path[PATH_MAX];
    char consumer[64];
    int rc = copy_string(path_address, path_length, path, sizeof path);
    if (rc == 0) {
        rc = copy_string(consumer_address, consumer_length, consumer, sizeof consumer);
    }
    if (rc != 0) {
        return rc;
    }
    if (offset < 0) {
        return -EINVAL;
    }
    ckvm_gpio_line *line = NULL;
    rc = ckvm_gpio_request(path, (uint32_t)offset, output != 0, initial_level, consumer, &line);
    return rc != 0 ? rc : (jlong)(intptr_t)line;
}

static jint gpio_set(JNIEnv *env, jclass cls, jlong handle, jint level) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_gpio_line *line = address(handle);
    return ckvm_gpio_valid(line) ? ckvm_gpio_set(line, level) : -EBADF;
}

static jint gpio_get(JNIEnv *env, jclass cls, jlong handle) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_gpio_line *line = address(handle);
    return ckvm_gpio_valid(line) ? ckvm_gpio_get(line) : -EBADF;
}

static jint gpio_release(JNIEnv *env, jclass cls, jlong handle) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_gpio_line *line = address(handle);
    if (!ckvm_gpio_valid(line)) {
        return -EBADF;
    }
    ckvm_gpio_release(line);
    return 0;
}

static jlong i2c_open(JNIEnv *env, jclass cls, jlong path_address, jint path_length, jint device_address) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    char path[PATH_MAX];
    int rc = copy_string(path_address, path_length, path, sizeof path);
    if (rc != 0) {
        return rc;
    }
    ckvm_i2c_device *device = NULL;
    rc = ckvm_i2c_open(path, device_address, &device);
    return rc != 0 ? rc : (jlong)(intptr_t)device;
}

static jint i2c_write(JNIEnv *env, jclass cls, jlong handle, jlong data, jint length) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_i2c_device *device = address(handle);
    if (!ckvm_i2c_valid(device)) {
        return -EBADF;
    }
    if (data == 0 || length <= 0) {
        return -EINVAL;
    }
    return ckvm_i2c_write(device, address(data), (size_t)length);
}

static jint i2c_close(JNIEnv *env, jclass cls, jlong handle) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    ckvm_i2c_device *device = address(handle);
    if (!ckvm_i2c_valid(device)) {
        return -EBADF;
    }
    ckvm_i2c_close(device);
    return 0;
}

/* ---- socket primitives (net.h) ---- */

/*
 * The descriptor of a java.nio SocketChannel: its int field fdVal (sun.nio.ch.SocketChannelImpl),
 * read here because JNI field access is not subject to the module system's encapsulation. -ENOTSOCK
 * when the object has no such field (another implementation).
 */
static jint socket_fd(JNIEnv *env, jclass cls, jobject channel) {
    CKVM_UNUSED(cls);
    if (channel == NULL) {
        return -EINVAL;
    }
    jclass type = (*env)->GetObjectClass(env, channel);
    jfieldID field = (*env)->GetFieldID(env, type, "fdVal", "I");
    if (field == NULL) {
        (*env)->ExceptionClear(env); /* NoSuchFieldError */
        return -ENOTSOCK;
    }
    jint fd = (*env)->GetIntField(env, channel, field);
    return fd >= 0 ? fd : -EBADF;
}

static jint socket_send_queue(JNIEnv *env, jclass cls, jint fd) {
    CKVM_UNUSED(env);
    CKVM_UNUSED(cls);
    return ckvm_socket_send_queue(fd);
}

static const JNINativeMethod natives[] = {
    {"abiVersion0", "()I", (void *)abi_version},
    {"epochMicros0", "()J", (void *)epoch_micros},
    {"address0", "(Ljava/nio/ByteBuffer;)J", (void *)buffer_address},
    {"codecAvailable0", "(I)I", (void *)codec_available},
    {"codecProblem0", "(I)Ljava/lang/String;", (void *)codec_problem},
    {"setCodecDisabled0", "(IZ)I", (void *)set_codec_disabled},
    {"maxFrameBytes0", "(III)J", (void *)max_frame_bytes},
    {"encoderOpen0", "(IIIIII)J", (void *)encoder_open},
    {"encode0", "(JJIIIJJI)J", (void *)encode},
    {"encoderForceKey0", "(J)I", (void *)encoder_force_key},
    {"encoderReconfigure0", "(JIIIIII)I", (void *)encoder_reconfigure},
    {"encoderClose0", "(J)I", (void *)encoder_close},
    {"replayOpen0", "(JI)J", (void *)replay_open},
    {"replayInfo0", "(JI)J", (void *)replay_info},
    {"replayNext0", "(JJI)J", (void *)replay_next},
    {"replaySeekKey0", "(J)I", (void *)replay_seek_key},
    {"replayClose0", "(J)I", (void *)replay_close},
    {"sg2002Available0", "()I", (void *)sg2002_available},
    {"sg2002Problem0", "()Ljava/lang/String;", (void *)sg2002_problem},
    {"sg2002Signal0", "()J", (void *)sg2002_signal},
    {"sg2002Open0", "(IIIIIIII)J", (void *)sg2002_open},
    {"sg2002Next0", "(JJIZI)J", (void *)sg2002_next},
    {"sg2002Reconfigure0", "(JIIIIII)I", (void *)sg2002_reconfigure},
    {"sg2002Info0", "(JI)J", (void *)sg2002_info},
    {"sg2002Close0", "(J)I", (void *)sg2002_close},
    {"gpioRequest0", "(JIIIIJI)J", (void *)gpio_request},
    {"gpioSet0", "(JI)I", (void *)gpio_set},
    {"gpioGet0", "(J)I", (void *)gpio_get},
    {"gpioRelease0", "(J)I", (void *)gpio_release},
    {"i2cOpen0", "(JII)J", (void *)i2c_open},
    {"i2cWrite0", "(JJI)I", (void *)i2c_write},
    {"i2cClose0", "(J)I", (void *)i2c_close},
    {"socketFd0", "(Ljava/lang/Object;)I", (void *)socket_fd},
    {"socketSendQueue0", "(I)I", (void *)socket_send_queue},
};

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    CKVM_UNUSED(reserved);
    JNIEnv *env = NULL;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    /* FindClass here resolves through the class loader that called System.loadLibrary (the bundle's). */
    jclass cls = (*env)->FindClass(env, NATIVE_CLASS);
    if (cls == NULL) {
        return JNI_ERR;
    }
    if ((*env)->RegisterNatives(env, cls, natives, (jint)(sizeof natives / sizeof natives[0])) != JNI_OK) {
        return JNI_ERR;
    }
    return JNI_VERSION_1_8;
}
