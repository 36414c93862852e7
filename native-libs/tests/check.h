/* A minimal test harness: a failed CHECK prints where and why, and the program exits 1. */
#ifndef CUBEKVM_CHECK_H
#define CUBEKVM_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(condition, ...)                                                       \
    do {                                                                            \
        if (!(condition)) {                                                         \
            fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #condition); \
            fprintf(stderr, __VA_ARGS__);                                           \
            fprintf(stderr, "\n");                                                  \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

/*
 * The NAL unit types of an Annex-B access unit, in order; returns how many were found (at most
 * max). Start codes are 00 00 01 or 00 00 00 01.
 */
static inline int nal_types(const uint8_t *data, size_t size, int *types, int max) {
    int count = 0;
    for (size_t i = 0; i + 3 < size && count < max; i++) {
        if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
            types[count++] = data[i + 3] & 0x1f;
            i += 3;
        }
    }
    return count;
}

static inline size_t result_size(int64_t result) {
    return (size_t)(result & 0x7fffffff);
}

static inline int result_key(int64_t result) {
    return (result >> 32) & 1;
}

#endif
