/* main.c: the command table, global help, and "no arguments on a terminal -> wizard". */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct cli_cmd commands[] = {
	{ "wizard",   cmd_wizard,   N_("guide me through the whole activation request, step by step") },
	{ "check",    cmd_check,    N_("run every check on an application file; print the readiness checklist") },
	{ "business", cmd_business, N_("check a Business Manager ID (or URL); --online asks Meta for its verification") },
	{ "phone",    cmd_phone,    N_("check whether phone numbers can be registered") },
	{ "photo",    cmd_photo,    N_("check the profile photo; --fix writes a compliant one") },
	{ "name",     cmd_name,     N_("check a display name against Meta's display-name rules") },
	{ "profile",  cmd_profile,  N_("check the business-profile fields of an application file") },
	{ "lint",     cmd_lint,     N_("lint message-template drafts (Meta JSON or .txt)") },
	{ "email",    cmd_email,    N_("assemble (and send) the activation request e-mail") },
	{ "rules",    cmd_rules,    N_("list every rule: id, severity, summary") },
	{ "webhook",  cmd_webhook,  N_("check the message endpoint as Botmaker and Meta call it (TLS, 200, speed)") },
};

static void usage(FILE *out)
{
	fprintf(out, "%s: waba-preflight COMMAND [OPTIONS] [ARGS]\n\n%s\n\n%s\n", _("usage"),
	        _("Get a business ready for a WhatsApp Business API account before it writes to Botmaker."),
	        _("commands:"));
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
	fprintf(out, "\n%s\n", _("Run 'waba-preflight COMMAND --help' for a command's options."));
}

/* The value of --lang anywhere on the command line, so that the global help and the errors
 * found while the options are parsed already speak the chosen language. */
static const char *lang_arg(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (waba_i18n_init(lang_arg(argc, argv)) < 0)
		waba_i18n_init(NULL); /* an unknown --lang is reported by the command */
	if (argc < 2) {
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
			return cmd_wizard(1, (char *[]){ (char *)"wizard", NULL });
		usage(stderr);
		return CLI_EXIT_FAIL;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("waba-preflight %s\n", waba_version());
		return CLI_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	return cli_fail(_("unknown command '%s' (try 'waba-preflight --help')"), argv[1]);
}
