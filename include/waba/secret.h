/*
 * secret.h: the secrets the program is given (the Graph API token, the webhook's verify
 * token and app secret): read from a file or the environment, checked, wiped when freed.
 *
 *   static const struct waba_secret_rules rules = { 4096, WABA_SECRET_NO_CONTROLS };
 *   char *s = NULL;
 *   if (waba_secret_load(&s, path, _("verify token"), &rules, &loose) < 0) ... waba_error_last()
 *   ...
 *   waba_secret_free(s);                     // zeroed, then freed
 *
 * No message ever contains the secret: a refusal names what it is, where it came from
 * and a byte position (docs/security.md, "Secrets").
 */
#ifndef WABA_SECRET_H
#define WABA_SECRET_H

#include <stddef.h>

enum waba_secret_chars {
	WABA_SECRET_NO_CONTROLS, /* any byte but C0 controls and DEL (a verify token, an app secret) */
	WABA_SECRET_ONE_WORD,    /* printable ASCII, no space: it goes into an HTTP header (a bearer token) */
};

struct waba_secret_rules {
	size_t max; /* longest accepted, in bytes */
	enum waba_secret_chars chars;
};

/* 0 when `secret` follows the rules; else WABA_EINVAL with a message naming `what`
 * ("verify token in WABA_PREFLIGHT_VERIFY_TOKEN") and the first bad byte's position. */
int waba_secret_check(const char *secret, const char *what, const struct waba_secret_rules *r);

/*
 * Read a secret from `path` (a regular file, at most r->max bytes; trailing line breaks and
 * spaces dropped) and check it. *out is set on success (free with waba_secret_free);
 * *group_or_world says whether users other than the owner can read the file. The buffer
 * read into is wiped. Returns 0 or a negative status (message in waba_error_last()).
 */
int waba_secret_load(char **out, const char *path, const char *what, const struct waba_secret_rules *r,
                     int *group_or_world);

/*
 * A secret from the environment variable `name`: checked (messages name `what` and the
 * variable), copied into *out
 * (NULL when unset or empty: returns 0), and the variable's value wiped and unset whether
 * it was accepted or not, so child processes and /proc/PID/environ no longer hold it.
 */
int waba_secret_from_env(char **out, const char *name, const char *what, const struct waba_secret_rules *r);

/*
 * The secret from `file` when given (waba_secret_load), else from the environment variable
 * `env_name` (waba_secret_from_env). 0 with *out set, or NULL when neither holds one; or a
 * negative status with a message.
 */
int waba_secret_get(char **out, const char *file, const char *env_name, const char *what,
                    const struct waba_secret_rules *r, int *group_or_world);

/* Zero the secret, then free it. NULL is fine. */
void waba_secret_free(char *secret);

#endif
