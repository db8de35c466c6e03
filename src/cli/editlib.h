/*
 * editlib.h: libedit (with libtinfo, libbsd and libmd under it) is loaded only by the
 * wizard, which reads lines with its readline interface (cli/wizard_prompt.c). The plugin
 * waba-edit.so (cli/editlib_plugin.c, linked with libedit) hands over the addresses of the
 * functions and variables used; cli/editlib.c opens it on first use (core/plugin.c), as the
 * XML and network plugins are opened.
 *
 * wizard_prompt.c includes <editline/readline.h>, then this header: the names below then
 * reach libedit's own through the table, so the code reads as plain readline. A name newly
 * used goes in WABA_EDITLIB_NAMES and gets its #define below.
 */
#ifndef WABA_EDITLIB_H
#define WABA_EDITLIB_H

#include <stdio.h>
#include <editline/readline.h>
#include "core/plugin.h"

/* functions and variables alike: the table holds each one's address */
#define WABA_EDITLIB_NAMES(X)               \
	X(readline)                         \
	X(add_history)                      \
	X(rl_completion_matches)            \
	X(rl_filename_completion_function)  \
	X(rl_catch_signals)                 \
	X(rl_attempted_completion_over)     \
	X(rl_attempted_completion_function) \
	X(rl_completion_entry_function)     \
	X(rl_basic_word_break_characters)   \
	X(rl_completion_append_character)

WABA_PLUGIN_DECLARE(editlib, WABA_EDITLIB_NAMES)
#define WABA_EDITLIB_VERSION 1

#ifndef WABA_EDITLIB_PLUGIN

/* clang-format off */
#define readline (*waba_editlib()->readline)
#define add_history (*waba_editlib()->add_history)
#define rl_completion_matches (*waba_editlib()->rl_completion_matches)
#define rl_filename_completion_function (*waba_editlib()->rl_filename_completion_function)
#define rl_catch_signals (*waba_editlib()->rl_catch_signals)
#define rl_attempted_completion_over (*waba_editlib()->rl_attempted_completion_over)
#define rl_attempted_completion_function (*waba_editlib()->rl_attempted_completion_function)
#define rl_completion_entry_function (*waba_editlib()->rl_completion_entry_function)
#define rl_basic_word_break_characters (*waba_editlib()->rl_basic_word_break_characters)
#define rl_completion_append_character (*waba_editlib()->rl_completion_append_character)
/* clang-format on */
#endif

#endif
