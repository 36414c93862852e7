/*
 * ckvm_socket_send_queue reads what a TCP socket still holds: a receiver that does not read
 * (with a small receive buffer) leaves written bytes queued at the sender, and once it has read
 * everything the queue empties. Bad descriptors and non-sockets are refused with -errno.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../src/net.h"
#include "check.h"

static long long now_millis(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(void) {
    CHECK(ckvm_socket_send_queue(-1) == -EBADF, "a negative descriptor accepted");
    int pipe_fds[2];
    CHECK(pipe(pipe_fds) == 0, "pipe: %s", strerror(errno));
    CHECK(ckvm_socket_send_queue(pipe_fds[1]) < 0, "a pipe answered like a socket");
    close(pipe_fds[0]);
    close(pipe_fds[1]);

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(listener >= 0, "socket: %s", strerror(errno));
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    CHECK(bind(listener, (struct sockaddr *)&address, sizeof address) == 0, "bind: %s", strerror(errno));
    CHECK(getsockname(listener, (struct sockaddr *)&address, &length) == 0, "getsockname: %s", strerror(errno));
    CHECK(listen(listener, 1) == 0, "listen: %s", strerror(errno));
    int receiver = socket(AF_INET, SOCK_STREAM, 0);
    int small = 4096;
    CHECK(setsockopt(receiver, SOL_SOCKET, SO_RCVBUF, &small, sizeof small) == 0, "SO_RCVBUF: %s", strerror(errno));
    CHECK(connect(receiver, (struct sockaddr *)&address, sizeof address) == 0, "connect: %s", strerror(errno));
    int sender = accept(listener, NULL, NULL);
    CHECK(sender >= 0, "accept: %s", strerror(errno));
    CHECK(ckvm_socket_send_queue(sender) == 0, "a fresh socket holds %d bytes", ckvm_socket_send_queue(sender));

    /* Fill until the kernel refuses: the receiver reads nothing, so the rest waits at the sender. */
    CHECK(fcntl(sender, F_SETFL, O_NONBLOCK) == 0, "O_NONBLOCK: %s", strerror(errno));
    static char block[16384];
    long long written = 0;
    for (;;) {
        ssize_t n = write(sender, block, sizeof block);
        if (n < 0) {
            CHECK(errno == EAGAIN || errno == EWOULDBLOCK, "write: %s", strerror(errno));
            break;
        }
        written += n;
    }
    int queued = ckvm_socket_send_queue(sender);
    CHECK(queued > 0 && queued <= written, "queue %d after writing %lld unread bytes", queued, written);

    /* Read everything: the queue must empty (acknowledgements come back at once on loopback). */
    long long read_total = 0;
    long long deadline = now_millis() + 10000;
    while (read_total < written && now_millis() < deadline) {
        ssize_t n = read(receiver, block, sizeof block);
        CHECK(n > 0, "read: %s", n < 0 ? strerror(errno) : "end of stream");
        read_total += n;
    }
    CHECK(read_total == written, "read %lld of %lld bytes", read_total, written);
    while (ckvm_socket_send_queue(sender) != 0 && now_millis() < deadline) {
        usleep(1000);
    }
    CHECK(ckvm_socket_send_queue(sender) == 0, "queue %d after the receiver read everything", ckvm_socket_send_queue(sender));

    close(sender);
    CHECK(ckvm_socket_send_queue(sender) == -EBADF, "a closed descriptor answered");
    close(receiver);
    close(listener);
    printf("test_net passed\n");
    return 0;
}
