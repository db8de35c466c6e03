/* cmd_phone.c: `waba-preflight phone` (being built in its own issue). */
#include "cli.h"

int cmd_phone(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail("'phone' is not built yet");
}
