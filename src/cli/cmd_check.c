/* cmd_check.c: `waba-preflight check` (being built in its own issue). */
#include "cli.h"

int cmd_check(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail("'check' is not built yet");
}
