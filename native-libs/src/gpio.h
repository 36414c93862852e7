/*
 * GPIO lines through the Linux character device (/dev/gpiochipN, uAPI v2): one line per
 * request, with a consumer name. Thin primitives: no timing, no policy (that is the atx bundle's).
 */
#ifndef CUBEKVM_GPIO_H
#define CUBEKVM_GPIO_H

#include <stdint.h>

typedef struct ckvm_gpio_line ckvm_gpio_line;

/*
 * Requests line `offset` of the chip at `chip_path` (a /dev/gpiochipN path) as an output at
 * `initial_level` (0/1) or as an input. 0 and *line set, or -errno (-EINVAL for bad arguments).
 */
int ckvm_gpio_request(const char *chip_path, uint32_t offset, int output, int initial_level, const char *consumer,
                      ckvm_gpio_line **line);

/* Whether `line` is a live handle from ckvm_gpio_request (magic checked). */
int ckvm_gpio_valid(const ckvm_gpio_line *line);

/* Drives an output line to `level` (0/1): 0 or -errno. */
int ckvm_gpio_set(ckvm_gpio_line *line, int level);

/* The line's level: 0/1 or -errno. */
int ckvm_gpio_get(ckvm_gpio_line *line);

/* Releases the line (the kernel returns it to an input) and frees the handle. */
void ckvm_gpio_release(ckvm_gpio_line *line);

#endif
