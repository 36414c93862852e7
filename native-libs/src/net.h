/*
 * Socket primitives for the streams' pacing (bundles/mjpeg): how many bytes a TCP socket still
 * holds, so a viewer picks its next frame only when the previous one has nearly left.
 */
#ifndef CUBEKVM_NET_H
#define CUBEKVM_NET_H

/*
 * The bytes written to the TCP socket `fd` that the peer has not acknowledged yet, sent or not
 * (ioctl SIOCOUTQ): >= 0, or -errno (-EBADF for a closed descriptor, -ENOTTY or -EINVAL for one
 * that is not a TCP socket).
 */
int ckvm_socket_send_queue(int fd);

#endif
