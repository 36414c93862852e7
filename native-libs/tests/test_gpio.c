/*
 * The GPIO primitives refuse bad arguments before touching any device, open only
 * /dev/gpiochip* paths, and report a missing chip as -ENOENT. (Line requests on a real chip are
 * exercised on the device; a PC has no GPIO chip to test against.)
 */
#include <errno.h>
#include <string.h>

#include "../src/gpio.h"
#include "check.h"

int main(void) {
    ckvm_gpio_line *line = NULL;
    CHECK(ckvm_gpio_request(NULL, 0, 1, 0, "c", &line) == -EINVAL, "NULL path accepted");
    CHECK(ckvm_gpio_request("/dev/gpiochip0", 0, 1, 0, NULL, &line) == -EINVAL, "NULL consumer accepted");
    CHECK(ckvm_gpio_request("/dev/gpiochip0", 0, 1, 2, "c", &line) == -EINVAL, "level 2 accepted");
    CHECK(ckvm_gpio_request("/dev/null", 0, 1, 0, "c", &line) == -EINVAL, "a path that is not a GPIO chip accepted");
    CHECK(ckvm_gpio_request("/etc/passwd", 0, 0, 0, "c", &line) == -EINVAL, "a file accepted");
    char consumer[64];
    memset(consumer, 'x', sizeof consumer - 1);
    consumer[sizeof consumer - 1] = '\0';
    CHECK(ckvm_gpio_request("/dev/gpiochip0", 0, 1, 0, consumer, &line) == -EINVAL, "a 63-byte consumer accepted");
    CHECK(ckvm_gpio_request("/dev/gpiochip9999", 0, 1, 0, "cubekvm-test", &line) == -ENOENT, "missing chip not ENOENT");
    CHECK(line == NULL, "a failed request set a handle");
    CHECK(!ckvm_gpio_valid(NULL), "NULL is a valid handle");
    struct {
        uint32_t magic;
        int fd;
    } forged = {0x12345678u, -1};
    CHECK(!ckvm_gpio_valid((const ckvm_gpio_line *)&forged), "a handle without the magic is valid");
    printf("test_gpio passed\n");
    return 0;
}
