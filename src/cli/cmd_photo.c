/* cmd_photo.c: `waba-preflight photo` (being built in its own issue). */
#include "cli.h"

int cmd_photo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail("'photo' is not built yet");
}
