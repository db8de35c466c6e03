/*
 * floor_parse.c: the floor for bench/lint: read every file named on the command line
 * (or, for a folder, every *.json / *.txt in it) and parse the JSON ones with cJSON,
 * doing nothing else. `waba-preflight lint` cannot be faster than this.
 * Prints the number of templates seen (objects in the top-level array, or 1 per file).
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

static size_t templates;

static void one(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	size_t got = fread(buf, 1, (size_t)n, f);
	buf[got] = '\0';
	fclose(f);
	size_t len = strlen(path);
	if (len > 5 && strcmp(path + len - 5, ".json") == 0) {
		cJSON *root = cJSON_ParseWithLength(buf, got);
		templates += cJSON_IsArray(root) ? (size_t)cJSON_GetArraySize(root) : 1;
		cJSON_Delete(root);
	} else {
		templates++;
	}
	free(buf);
}

static void walk(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d) {
		one(dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR)
			walk(path);
		else
			one(path);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		walk(argv[i]);
	printf("%zu\n", templates);
	return 0;
}
