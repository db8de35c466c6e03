/* cmd_name.c: `waba-preflight name` (being built in its own issue). */
#include "cli.h"

int cmd_name(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail("'name' is not built yet");
}
