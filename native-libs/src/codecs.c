#include "codecs.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cubekvm.h"

#define PROBLEM_BYTES 512

enum { UNBOUND = 0, BOUND = 1, FAILED = -1 };

typedef struct {
    const char *codec_name;   /* for messages */
    const char *env_library;  /* overrides the file name, e.g. a vendor build of openh264 */
    const char *default_library;
    const char *package;      /* the Debian package that installs it */
    int state;
    bool disabled;            /* set by ckvm_codec_set_disabled */
    char problem[PROBLEM_BYTES];
    char disabled_problem[PROBLEM_BYTES];
} codec_library;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static ckvm_turbojpeg turbojpeg;
static ckvm_openh264 openh264;

static codec_library libraries[CKVM_CODEC_COUNT] = {
    [CKVM_CODEC_MJPEG] = {"MJPEG", "CUBEKVM_TURBOJPEG_LIBRARY", "libturbojpeg.so.0", "libturbojpeg0-dev",
                          UNBOUND, false, "", ""},
    [CKVM_CODEC_H264] = {"H.264", "CUBEKVM_OPENH264_LIBRARY", "libopenh264.so.7", "libopenh264-dev",
                         UNBOUND, false, "", ""},
};

static const char *library_file(const codec_library *library) {
    const char *override = getenv(library->env_library);
    return override != NULL && override[0] != '\0' ? override : library->default_library;
}

/* CUBEKVM_DISABLE_CODECS lists codecs ("mjpeg", "h264", "all") to treat as missing. */
static bool disabled_by_environment(int codec) {
    const char *list = getenv("CUBEKVM_DISABLE_CODECS");
    if (list == NULL) {
        return false;
    }
    const char *name = codec == CKVM_CODEC_MJPEG ? "mjpeg" : "h264";
    size_t name_length = strlen(name);
    for (const char *p = list; *p != '\0';) {
        size_t length = strcspn(p, ", ");
        if ((length == name_length && strncmp(p, name, length) == 0) || (length == 3 && strncmp(p, "all", 3) == 0)) {
            return true;
        }
        p += length;
        p += strspn(p, ", ");
    }
    return false;
}

static void set_problem(codec_library *library, char *target, const char *reason) {
    snprintf(target, PROBLEM_BYTES,
             "%s software encoding is unavailable: %s could not be loaded (%s). Install it with: sudo apt-get install %s",
             library->codec_name, library_file(library), reason, library->package);
}

#define BIND(handle, target, name)                                   \
    do {                                                             \
        *(void **)(&(target)) = dlsym((handle), (name));             \
        if ((target) == NULL) {                                      \
            missing = (name);                                        \
        }                                                            \
    } while (0)

/* dlopen()s the library; on failure records dlerror() as its problem. */
static void *open_library(codec_library *library) {
    void *handle = dlopen(library_file(library), RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        set_problem(library, library->problem, dlerror());
    }
    return handle;
}

/* Records why a bound library cannot be used and closes it; always false. */
static bool reject_library(codec_library *library, void *handle, const char *reason) {
    set_problem(library, library->problem, reason);
    dlclose(handle);
    return false;
}

static bool bind_turbojpeg(codec_library *library) {
    void *handle = open_library(library);
    if (handle == NULL) {
        return false;
    }
    const char *missing = NULL;
    BIND(handle, turbojpeg.init_compress, "tjInitCompress");
    BIND(handle, turbojpeg.compress2, "tjCompress2");
    BIND(handle, turbojpeg.destroy, "tjDestroy");
    BIND(handle, turbojpeg.buf_size, "tjBufSize");
    BIND(handle, turbojpeg.alloc, "tjAlloc");
    BIND(handle, turbojpeg.free, "tjFree");
    BIND(handle, turbojpeg.error_str2, "tjGetErrorStr2");
    if (missing != NULL) {
        char reason[128];
        snprintf(reason, sizeof reason, "it lacks %s; it is too old", missing);
        return reject_library(library, handle, reason);
    }
    return true;
}

static bool bind_openh264(codec_library *library) {
    void *handle = open_library(library);
    if (handle == NULL) {
        return false;
    }
    const char *missing = NULL;
    BIND(handle, openh264.create_encoder, "WelsCreateSVCEncoder");
    BIND(handle, openh264.destroy_encoder, "WelsDestroySVCEncoder");
    BIND(handle, openh264.version, "WelsGetCodecVersion");
    if (missing != NULL) {
        char reason[128];
        snprintf(reason, sizeof reason, "it lacks %s", missing);
        return reject_library(library, handle, reason);
    }
    /* The encoder's parameter structs are compiled in from the 2.x headers: refuse another ABI. */
    OpenH264Version version = openh264.version();
    if (version.uMajor != OPENH264_MAJOR) {
        char reason[128];
        snprintf(reason, sizeof reason, "it is version %u.%u, CubeKVM needs %d.x", version.uMajor, version.uMinor,
                 OPENH264_MAJOR);
        return reject_library(library, handle, reason);
    }
    return true;
}

bool ckvm_codec_available(int codec) {
    if (codec < 0 || codec >= CKVM_CODEC_COUNT) {
        return false;
    }
    codec_library *library = &libraries[codec];
    pthread_mutex_lock(&lock);
    bool available;
    if (library->disabled || disabled_by_environment(codec)) {
        set_problem(library, library->disabled_problem,
                    "disabled on purpose by CUBEKVM_DISABLE_CODECS or setCodecDisabled0, simulating a missing library");
        available = false;
    } else {
        if (library->state == UNBOUND) {
            bool bound = codec == CKVM_CODEC_MJPEG ? bind_turbojpeg(library) : bind_openh264(library);
            library->state = bound ? BOUND : FAILED;
        }
        available = library->state == BOUND;
    }
    pthread_mutex_unlock(&lock);
    return available;
}

bool ckvm_codec_problem(int codec, char *out, size_t capacity) {
    if (codec < 0 || codec >= CKVM_CODEC_COUNT) {
        snprintf(out, capacity, "unknown codec %d", codec);
        return true;
    }
    if (ckvm_codec_available(codec)) {
        return false;
    }
    codec_library *library = &libraries[codec];
    pthread_mutex_lock(&lock);
    const char *problem = library->disabled || disabled_by_environment(codec) ? library->disabled_problem
                                                                             : library->problem;
    snprintf(out, capacity, "%s", problem);
    pthread_mutex_unlock(&lock);
    return true;
}

int ckvm_codec_set_disabled(int codec, bool disabled) {
    if (codec < 0 || codec >= CKVM_CODEC_COUNT) {
        return -EINVAL;
    }
    pthread_mutex_lock(&lock);
    libraries[codec].disabled = disabled;
    pthread_mutex_unlock(&lock);
    return 0;
}

const ckvm_turbojpeg *ckvm_turbojpeg_api(void) {
    return &turbojpeg;
}

const ckvm_openh264 *ckvm_openh264_api(void) {
    return &openh264;
}
