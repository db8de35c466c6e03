/*
 * config_priv.h: helpers shared by config.c and baseline.c (private header).
 *
 * Paths in `.waba-preflight.json` and in the baseline are relative to the folder that
 * holds the file, while paths on the command line are relative to the current folder;
 * the path helpers bring both to one form before they are compared.
 */
#ifndef WABA_CONFIG_PRIV_H
#define WABA_CONFIG_PRIV_H

#include "waba/json_pos.h"
#include "waba/status.h"

/* The folder part of `path` ("." when it has none); caller frees. */
char *waba_path_dirname(const char *path);

/* `rel` resolved against `dir`: rel itself when absolute or when dir is NULL or ".". Caller frees. */
char *waba_path_join(const char *dir, const char *rel);

/*
 * `path` relative to the folder `dir` when it lies inside it, else `path` tidied up
 * ("./", "//" and "." segments removed). dir NULL: only tidied. "-" and "<stdin>"
 * are returned unchanged. Caller frees.
 */
char *waba_path_relative_to(const char *dir, const char *path);

/*
 * What waba_path_relative_to() asks the file system, remembered across calls by one
 * caller writing the paths of thousands of files (SARIF, GitLab): the folder's real path,
 * the working folder, and the real path of the last file's folder. Zeroed to start;
 * waba_path_memo_release() frees it. A run does not change folders or move them.
 */
struct waba_path_memo {
	char *dir, *realdir; /* realpath(dir) */
	char *cwd;           /* getcwd() */
	char *parent, *realparent;
};
char *waba_path_relative_to_memo(const char *dir, const char *path, struct waba_path_memo *memo);
void waba_path_memo_release(struct waba_path_memo *memo);

/* Set the last error to "FILE:LINE:COL: message" and return WABA_EINVAL. */
int waba_config_fail_at(struct waba_loc loc, const char *fmt, ...) WABA_PRINTF(2, 3);

/*
 * Read the JSON file `path` (at most `cap` bytes) into *src and *doc (doc borrows src).
 * A syntax error is WABA_EINVAL "FILE:LINE:COL: message"; a missing file WABA_ENOTFOUND.
 * The caller releases doc, then src, whatever the result.
 */
int waba_config_read_json(struct waba_json *doc, struct waba_source *src, const char *path, size_t cap);

#endif
