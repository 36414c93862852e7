/* See gpio.h. */
#include "gpio.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/gpio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define GPIO_LINE_MAGIC 0x4750494fu /* "GPIO" */

struct ckvm_gpio_line {
    uint32_t magic;
    int fd;
};

int ckvm_gpio_request(const char *chip_path, uint32_t offset, int output, int initial_level, const char *consumer,
                      ckvm_gpio_line **line) {
    if (chip_path == NULL || consumer == NULL || line == NULL || (initial_level != 0 && initial_level != 1)) {
        return -EINVAL;
    }
    if (strncmp(chip_path, "/dev/gpiochip", 13) != 0 || strlen(consumer) >= GPIO_MAX_NAME_SIZE) {
        return -EINVAL; /* only GPIO chips: this primitive never opens another device */
    }
    ckvm_gpio_line *result = calloc(1, sizeof *result);
    if (result == NULL) {
        return -ENOMEM;
    }
    int chip = open(chip_path, O_RDWR | O_CLOEXEC);
    if (chip < 0) {
        int error = errno;
        free(result);
        return -error;
    }
    struct gpio_v2_line_request request;
    memset(&request, 0, sizeof request);
    request.offsets[0] = offset;
    request.num_lines = 1;
    strncpy(request.consumer, consumer, sizeof request.consumer - 1);
    if (output) {
        request.config.flags = GPIO_V2_LINE_FLAG_OUTPUT;
        request.config.num_attrs = 1;
        request.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
        request.config.attrs[0].attr.values = (uint64_t)initial_level;
        request.config.attrs[0].mask = 1;
    } else {
        request.config.flags = GPIO_V2_LINE_FLAG_INPUT;
    }
    int rc = ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &request);
    int error = errno;
    close(chip); /* the line request keeps its own file descriptor */
    if (rc < 0) {
        free(result);
        return -error;
    }
    result->magic = GPIO_LINE_MAGIC;
    result->fd = request.fd;
    *line = result;
    return 0;
}

int ckvm_gpio_valid(const ckvm_gpio_line *line) {
    return line != NULL && line->magic == GPIO_LINE_MAGIC;
}

int ckvm_gpio_set(ckvm_gpio_line *line, int level) {
    if (level != 0 && level != 1) {
        return -EINVAL;
    }
    struct gpio_v2_line_values values = {.bits = (uint64_t)level, .mask = 1};
    return ioctl(line->fd, GPIO_V2_LINE_SET_VALUES_IOCTL, &values) < 0 ? -errno : 0;
}

int ckvm_gpio_get(ckvm_gpio_line *line) {
    struct gpio_v2_line_values values = {.bits = 0, .mask = 1};
    if (ioctl(line->fd, GPIO_V2_LINE_GET_VALUES_IOCTL, &values) < 0) {
        return -errno;
    }
    return (int)(values.bits & 1);
}

void ckvm_gpio_release(ckvm_gpio_line *line) {
    line->magic = 0;
    close(line->fd);
    free(line);
}
