/* replay.c: a main() for the fuzz harnesses outside libFuzzer, so any build (release, ASan) can replay
 * inputs: the regression cases in tests/fuzz/regressions/TARGET/, or a crash file to debug under gdb.
 *
 *   replay_bytecode FILE|DIR...     runs LLVMFuzzerTestOneInput on each file (a directory: its files)
 *
 * A harness that finds a bug aborts, so exit status 0 means every input passed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int replay_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        perror(path);
        return 1;
    }
    size_t capacity = 1 << 16, size = 0, n;
    unsigned char *data = malloc(capacity);
    while (data != NULL && (n = fread(data + size, 1, capacity - size, file)) > 0) {
        size += n;
        if (size == capacity) data = realloc(data, capacity *= 2);
    }
    fclose(file);
    if (data == NULL) return 1;
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

static int replay_dir(const char *path) {
    struct dirent **entries;
    int n = scandir(path, &entries, NULL, alphasort), failures = 0;
    if (n < 0) {
        perror(path);
        return 1;
    }
    for (int i = 0; i < n; i++) {
        if (entries[i]->d_name[0] != '.' && strcmp(entries[i]->d_name, "README.md") != 0) {
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, entries[i]->d_name);
            failures += replay_file(child);
        }
        free(entries[i]);
    }
    free(entries);
    return failures;
}

int main(int argc, char **argv) {
    int failures = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) failures += replay_dir(argv[i]);
        else failures += replay_file(argv[i]);
    }
    return failures == 0 ? 0 : 1;
}
