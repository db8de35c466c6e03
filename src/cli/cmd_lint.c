/* cmd_lint.c: `waba-preflight lint` (being built in its own issue). */
#include "cli.h"

int cmd_lint(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail("'lint' is not built yet");
}
