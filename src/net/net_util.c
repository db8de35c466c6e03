/* net_util.c: helpers shared by src/net/ (see include/waba/net.h). */
#include <string.h>
#include "waba/net.h"

int waba_host_is_loopback(const char *host)
{
	if (strcmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 || strcmp(host, "::1") == 0)
		return 1;
	if (strncmp(host, "127.", 4) != 0)
		return 0;
	/* a dotted IPv4 literal, not a name such as 127.example.com */
	for (const char *p = host; *p; p++)
		if (!(*p == '.' || (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}
