/*
 * I2C writes through /dev/i2c-N (the kernel's i2c-dev interface): thin primitives for the OLED.
 * The panel protocol (SSD1306) lives in Java.
 */
#ifndef CUBEKVM_I2C_H
#define CUBEKVM_I2C_H

#include <stddef.h>
#include <stdint.h>

typedef struct ckvm_i2c_device ckvm_i2c_device;

/* Largest single write accepted (an SSD1306 frame goes in 17-byte writes). */
#define CKVM_I2C_MAX_WRITE 4096

/* Opens `bus_path` (a /dev/i2c-N path) for the 7-bit `address` (0x03..0x77): 0, or -errno. */
int ckvm_i2c_open(const char *bus_path, int address, ckvm_i2c_device **device);

int ckvm_i2c_valid(const ckvm_i2c_device *device);

/* One I2C write of `length` bytes (1..CKVM_I2C_MAX_WRITE): 0, or -errno (-EIO for a short write). */
int ckvm_i2c_write(ckvm_i2c_device *device, const uint8_t *data, size_t length);

void ckvm_i2c_close(ckvm_i2c_device *device);

#endif
