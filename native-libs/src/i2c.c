/* See i2c.h. */
#include "i2c.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define I2C_DEVICE_MAGIC 0x49324344u /* "I2CD" */

struct ckvm_i2c_device {
    uint32_t magic;
    int fd;
};

int ckvm_i2c_open(const char *bus_path, int address, ckvm_i2c_device **device) {
    if (bus_path == NULL || device == NULL || address < 0x03 || address > 0x77) {
        return -EINVAL;
    }
    if (strncmp(bus_path, "/dev/i2c-", 9) != 0) {
        return -EINVAL; /* only I2C buses: this primitive never opens another device */
    }
    ckvm_i2c_device *result = calloc(1, sizeof *result);
    if (result == NULL) {
        return -ENOMEM;
    }
    int fd = open(bus_path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        int error = errno;
        free(result);
        return -error;
    }
    if (ioctl(fd, I2C_SLAVE, (unsigned long)address) < 0) {
        int error = errno;
        close(fd);
        free(result);
        return -error;
    }
    result->magic = I2C_DEVICE_MAGIC;
    result->fd = fd;
    *device = result;
    return 0;
}

int ckvm_i2c_valid(const ckvm_i2c_device *device) {
    return device != NULL && device->magic == I2C_DEVICE_MAGIC;
}

int ckvm_i2c_write(ckvm_i2c_device *device, const uint8_t *data, size_t length) {
    if (data == NULL || length == 0 || length > CKVM_I2C_MAX_WRITE) {
        return -EINVAL;
    }
    ssize_t written = write(device->fd, data, length);
    if (written < 0) {
        return -errno;
    }
    return (size_t)written == length ? 0 : -EIO;
}

void ckvm_i2c_close(ckvm_i2c_device *device) {
    device->magic = 0;
    close(device->fd);
    free(device);
}
