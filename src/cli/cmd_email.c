/* cmd_email.c: `waba-preflight email` (being built in its own issue). */
#include "cli.h"

int cmd_email(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail("'email' is not built yet");
}
