#include "net.h"

#include <errno.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>

int ckvm_socket_send_queue(int fd) {
    if (fd < 0) {
        return -EBADF;
    }
    int bytes = 0;
    if (ioctl(fd, SIOCOUTQ, &bytes) != 0) {
        return -errno;
    }
    return bytes < 0 ? -EINVAL : bytes;
}
