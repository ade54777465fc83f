/* Start-up and idle footprint of the daemon (issue 11).
 *
 *   startup RUNS SOCKET DAEMON [ARGS...]
 *
 * Starts DAEMON ARGS --socket SOCKET RUNS times. For each run it prints the time from fork to
 * the first successful connect() (the socket is listening) and to the answer of a ping sent on
 * that connection (the daemon is serving), then, after IDLE_MS of idleness, VmRSS, RssAnon and
 * RssFile from /proc/PID/status; then it stops the daemon with SIGTERM. The last line holds the
 * medians. Written in C so that the measuring side adds no runtime start-up of its own. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#define IDLE_MS 1000
#define GIVE_UP_MS 10000

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void pause_us(long us) {
    struct timespec t = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&t, NULL);
}

/* The kB value of one /proc/PID/status line, or -1. */
static long status_kb(pid_t pid, const char *key) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long kb = -1;
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':') { kb = strtol(line + n + 1, NULL, 10); break; }
    fclose(f);
    return kb;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, n, sizeof *v, compare);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: startup RUNS SOCKET DAEMON [ARGS...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    const char *socket_path = argv[2];
    char **child = calloc(argc + 2, sizeof *child);
    int c = 0;
    for (int i = 3; i < argc; i++) child[c++] = argv[i];
    child[c++] = "--socket";
    child[c++] = (char *)socket_path;
    child[c] = NULL;

    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, socket_path, sizeof address.sun_path - 1);
    const char ping[] = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}\n";

    double *listen_ms = calloc(runs, sizeof(double)), *ping_ms = calloc(runs, sizeof(double));
    double *rss = calloc(runs, sizeof(double)), *anon = calloc(runs, sizeof(double)), *file = calloc(runs, sizeof(double));
    for (int r = 0; r < runs; r++) {
        unlink(socket_path);
        double start = now_ms();
        pid_t pid = fork();
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            execv(child[0], child);
            _exit(127);
        }
        int fd = -1;
        while (fd < 0) {
            fd = socket(AF_UNIX, SOCK_STREAM, 0);
            if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0) break;
            close(fd);
            fd = -1;
            if (now_ms() - start > GIVE_UP_MS || waitpid(pid, NULL, WNOHANG) == pid) {
                fprintf(stderr, "run %d: the daemon did not listen on %s\n", r, socket_path);
                kill(pid, SIGKILL);
                return 1;
            }
            pause_us(50);
        }
        listen_ms[r] = now_ms() - start;
        if (write(fd, ping, sizeof ping - 1) != (ssize_t)(sizeof ping - 1)) { perror("write"); return 1; }
        char reply[512];
        size_t got = 0;
        while (got == 0 || reply[got - 1] != '\n') {
            ssize_t n = read(fd, reply + got, sizeof reply - 1 - got);
            if (n <= 0) { fprintf(stderr, "run %d: no answer to ping\n", r); kill(pid, SIGKILL); return 1; }
            got += n;
        }
        ping_ms[r] = now_ms() - start;
        reply[got] = 0;
        if (!strstr(reply, "pong")) { fprintf(stderr, "run %d: unexpected answer %s", r, reply); kill(pid, SIGKILL); return 1; }
        close(fd);
        pause_us(IDLE_MS * 1000L);
        rss[r] = status_kb(pid, "VmRSS") / 1024.0;
        anon[r] = status_kb(pid, "RssAnon") / 1024.0;
        file[r] = status_kb(pid, "RssFile") / 1024.0;
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        printf("run %d: listening %.1f ms, ping answered %.1f ms; after %d ms idle VmRSS %.1f MB (anon %.1f, file %.1f)\n",
               r + 1, listen_ms[r], ping_ms[r], IDLE_MS, rss[r], anon[r], file[r]);
    }
    printf("median of %d: listening %.1f ms, ping answered %.1f ms, VmRSS %.1f MB, RssAnon %.1f MB, RssFile %.1f MB\n", runs,
           median(listen_ms, runs), median(ping_ms, runs), median(rss, runs), median(anon, runs), median(file, runs));
    unlink(socket_path);
    return 0;
}
