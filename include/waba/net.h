/*
 * net.h: small helpers shared by the code that talks to the network (src/net/).
 */
#ifndef WABA_NET_H
#define WABA_NET_H

/*
 * 1 when `host` (as libcurl's URL API returns it: "localhost", "127.0.0.1",
 * "[::1]") names the loopback interface, 0 otherwise. A name such as
 * "127.example.com" is not loopback. Pure.
 */
int waba_host_is_loopback(const char *host);

#endif
