/*
 * Run-time binding of the software codec libraries (libturbojpeg, libopenh264) with dlopen:
 * no codec is a link-time dependency, so a missing library disables only its codec, and a
 * process that never encodes in software (replay, hardware VENC) never loads them.
 */
#ifndef CUBEKVM_CODECS_H
#define CUBEKVM_CODECS_H

#include <stdbool.h>
#include <stddef.h>
#include <turbojpeg.h>
#include <wels/codec_api.h>
#include <wels/codec_ver.h>

typedef struct {
    tjhandle (*init_compress)(void);
    int (*compress2)(tjhandle, const unsigned char *, int, int, int, int, unsigned char **,
                     unsigned long *, int, int, int);
    int (*destroy)(tjhandle);
    unsigned long (*buf_size)(int, int, int);
    unsigned char *(*alloc)(int);
    void (*free)(unsigned char *);
    char *(*error_str2)(tjhandle);
} ckvm_turbojpeg;

typedef struct {
    int (*create_encoder)(ISVCEncoder **);
    void (*destroy_encoder)(ISVCEncoder *);
    OpenH264Version (*version)(void);
} ckvm_openh264;

/* Binds the library of the codec on first use; true when it can be used. Thread-safe. */
bool ckvm_codec_available(int codec);

/*
 * Why the codec cannot be used, naming the library and the command that installs it, copied
 * into out; false (and out untouched) when the codec is available.
 */
bool ckvm_codec_problem(int codec, char *out, size_t capacity);

/*
 * Simulates a missing library (tests, or a user who wants a codec off). Also settable with
 * the environment variable CUBEKVM_DISABLE_CODECS=mjpeg,h264 (or "all").
 */
int ckvm_codec_set_disabled(int codec, bool disabled);

/* The bound functions; only valid after ckvm_codec_available() returned true. */
const ckvm_turbojpeg *ckvm_turbojpeg_api(void);
const ckvm_openh264 *ckvm_openh264_api(void);

#endif
