/* cmd_wizard.c: `waba-preflight wizard` (being built in its own issue). */
#include "cli.h"

int cmd_wizard(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail("'wizard' is not built yet");
}
