/* main.c: the command table, global help, and "no arguments on a terminal -> wizard". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "waba/checklist.h"
#include "waba/paths.h"
#include "waba/suggest.h"

static const struct cli_cmd commands[] = {
	{ "wizard", cmd_wizard, N_("guide me through the whole activation request, step by step"), NULL },
	{ "check", cmd_check, N_("run every check on an application file; print the readiness checklist"), NULL },
	{ "business", cmd_business, N_("check a Business Manager ID (or URL); --online asks Meta for its verification"),
	  NULL },
	{ "phone", cmd_phone, N_("check whether phone numbers can be registered"), NULL },
	{ "photo", cmd_photo, N_("check the profile photo; --fix writes a compliant one"), NULL },
	{ "name", cmd_name, N_("check a display name against Meta's display-name rules"), NULL },
	{ "profile", cmd_profile, N_("check the business-profile fields of an application file"), NULL },
	{ "lint", cmd_lint, N_("lint message-template drafts (Meta JSON or .txt)"), NULL },
	{ "email", cmd_email, N_("assemble (and send) the activation request e-mail"), NULL },
	{ "rules", cmd_rules, N_("list every rule: id, severity, summary"), NULL },
	{ "webhook", cmd_webhook, N_("check the message endpoint as Botmaker and Meta call it (TLS, 200, speed)"), NULL },
	/* TRANSLATORS: "%s or %s": the shells, "bash, zsh" and "fish" */
	{ "completion", cmd_completion, N_("print a shell completion script (%s or %s)"), cli_completion_shell },
};

char *cli_cmd_summary(const struct cli_cmd *cmd)
{
	return cli_values_text(cmd->summary, cmd->values);
}

static const struct cli_cmd *command_named(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

const struct cli_cmd *cli_commands(size_t *n)
{
	*n = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

static void usage(FILE *out)
{
	fprintf(out, "%s\n\n%s\n\n%s\n", _("usage: waba-preflight [OPTIONS] COMMAND [OPTIONS] [ARGS]"),
	        _("Get a business ready for a WhatsApp Business API account before it writes to Botmaker."),
	        _("commands:"));
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		char *summary = cli_cmd_summary(&commands[i]);
		fprintf(out, "  %-10s %s\n", commands[i].name, summary);
		free(summary);
	}
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

/*
 * Global options: the options every command takes (CLI_OPT_COMMON, the one table) may
 * come before the command, as with git and gh: `waba-preflight --lang es check app.json`.
 * They are moved after the command name, in front of its own arguments (so before any
 * `--`), and the command's parser reads them as if written there. Returns the index of
 * the command (argc when there is none), or -1 after printing the reason; *help and
 * *version are set when --help / -h / --version came before the command.
 */
static int global_options(int argc, char **argv, char **moved, int *nmoved, int *help, int *version)
{
	struct cli_common c;
	const struct cli_opt common[] = { CLI_OPT_COMMON(&c), CLI_OPT_END() };
	int i = 1;
	*nmoved = 0;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "-h") == 0)
			arg = "--help";
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "--version") == 0) {
			*(arg[2] == 'h' ? help : version) = 1;
			continue;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_opt *o = NULL;
		for (const struct cli_opt *p = common; arg[1] == '-' && p->type != CLI_OPT_T_END; p++)
			if (strlen(p->name) == len && strncmp(p->name, name, len) == 0)
				o = p;
		if (!o) {
			cli_fail(_("unknown option '%s' before the command (try 'waba-preflight --help')"), arg);
			return -1;
		}
		moved[(*nmoved)++] = argv[i];
		if (o->type != CLI_OPT_T_FLAG && !eq) {
			if (i + 1 >= argc) {
				cli_fail(_("option --%s needs a value: %s"), o->name, o->value_name);
				return -1;
			}
			moved[(*nmoved)++] = argv[++i];
		}
	}
	return i;
}

#ifdef WABA_SANITIZE
/*
 * LeakSanitizer's defaults for this program when built with the sanitizers. GCC 12's
 * LeakSanitizer (Debian 12) crashes at exit ("Tracer caught signal 11") while scanning the
 * dynamic TLS of libraries opened with dlopen once several plugins are open (libjpeg,
 * protobuf, GnuTLS have thread-local storage; it reads a bogus DTLS range). Not scanning TLS
 * can only make a block that TLS alone points to look leaked (reported, never hidden); the
 * program keeps no heap block only there at exit (the dynamic TLS blocks themselves are
 * matched by LeakSanitizer's own suppression, whose summary would otherwise be printed).
 * LSAN_OPTIONS still overrides this.
 */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "use_tls=0:print_suppressions=0";
}
#endif

int main(int argc, char **argv)
{
	int help = 0, version = 0, nmoved = 0, cmd;
	char **moved;
	const char *lang = lang_arg(argc, argv);
	/* the bundled checklists, validated and compiled at build time (src/CMakeLists.txt) */
	waba_checklist_use_compiled(waba_bundled_checklists, waba_bundled_checklists_len);
	if (waba_i18n_init(lang) < 0)
		waba_i18n_init(NULL); /* an unknown --lang is reported by the command */
	else if (lang && !waba_i18n_catalog_found())
		cli_warn(_("no translations for '%s' found in %s; messages stay in English "
		           "(WABA_PREFLIGHT_LOCALEDIR names another folder)"),
		         lang, waba_data_dir(WABA_DATA_LOCALE));
	moved = calloc((size_t)argc + 2, sizeof(char *));
	if (!moved)
		return cli_fail("%s", _("out of memory"));
	cmd = global_options(argc, argv, moved + 1, &nmoved, &help, &version);
	if (cmd < 0) {
		free(moved);
		return CLI_EXIT_FAIL;
	}
	if (cmd < argc && strcmp(argv[cmd], "help") == 0 && cmd + 1 < argc && command_named(argv[cmd + 1])) {
		/* `help CMD` is `CMD --help`, as with git */
		int rc = command_named(argv[cmd + 1])->fn(2, (char *[]){ argv[cmd + 1], (char *)"--help", NULL });
		free(moved);
		return rc;
	}
	if (help || (cmd < argc && strcmp(argv[cmd], "help") == 0)) {
		free(moved);
		usage(stdout);
		return CLI_EXIT_OK;
	}
	if (version) {
		free(moved);
		printf("waba-preflight %s\n", waba_version_long());
		return CLI_EXIT_OK;
	}
	if (cmd >= argc) {
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
			moved[0] = (char *)"wizard";
			int rc = cmd_wizard(nmoved + 1, moved);
			free(moved);
			return rc;
		}
		free(moved);
		usage(stderr);
		return CLI_EXIT_FAIL;
	}
	/* the command, the options moved from before it, then its own arguments */
	moved[0] = argv[cmd];
	for (int k = cmd + 1; k < argc; k++)
		moved[++nmoved] = argv[k];
	moved[nmoved + 1] = NULL;
	const struct cli_cmd *c = command_named(argv[cmd]);
	if (c) {
		int rc = c->fn(nmoved + 1, moved);
		free(moved);
		return rc;
	}
	free(moved);
	const char *names[sizeof(commands) / sizeof(commands[0]) + 1];
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		names[i] = commands[i].name;
	names[sizeof(commands) / sizeof(commands[0])] = NULL;
	const char *guess = waba_suggest(argv[cmd], names);
	cli_fail(_("unknown command '%s' (try 'waba-preflight --help')"), argv[cmd]);
	if (guess)
		cli_fail(_("did you mean '%s'?"), guess);
	return CLI_EXIT_FAIL;
}
