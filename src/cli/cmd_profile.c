/* cmd_profile.c: `waba-preflight profile` (being built in its own issue). */
#include "cli.h"

int cmd_profile(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail("'profile' is not built yet");
}
