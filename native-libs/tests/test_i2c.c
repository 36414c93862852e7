/*
 * The I2C primitives refuse bad arguments before touching any device, open only /dev/i2c-*
 * paths, and report a missing bus as -ENOENT. (Writes to a real panel happen on the device.)
 */
#include <errno.h>
#include <string.h>

#include "../src/i2c.h"
#include "check.h"

int main(void) {
    ckvm_i2c_device *device = NULL;
    CHECK(ckvm_i2c_open(NULL, 0x3c, &device) == -EINVAL, "NULL path accepted");
    CHECK(ckvm_i2c_open("/dev/i2c-1", 0x02, &device) == -EINVAL, "reserved address 0x02 accepted");
    CHECK(ckvm_i2c_open("/dev/i2c-1", 0x78, &device) == -EINVAL, "10-bit/reserved address 0x78 accepted");
    CHECK(ckvm_i2c_open("/dev/null", 0x3c, &device) == -EINVAL, "a path that is not an I2C bus accepted");
    CHECK(ckvm_i2c_open("/dev/i2c-9999", 0x3c, &device) == -ENOENT, "missing bus not ENOENT");
    CHECK(device == NULL, "a failed open set a handle");
    CHECK(!ckvm_i2c_valid(NULL), "NULL is a valid handle");
    printf("test_i2c passed\n");
    return 0;
}
