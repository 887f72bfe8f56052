// fuzz-driver: the libFuzzer side of a SharpFuzz target (SharpFuzz.Fuzzer.LibFuzzer.Run, SharpFuzz 2.x).
//
// libFuzzer runs in this process; the .NET target runs in a child process, started once and fed one input at a time.
// They share one System V segment: a 64 KiB coverage map, which the instrumented IL increments edge by edge, then
// up to 1 MiB of input. Two pipes carry the rest: we write each input's length (4 bytes) on the child's fd 198, and it
// answers on fd 199 with a 4-byte status, once when it is ready and then once per input (non-zero: the input threw).
// SharpFuzz finds the segment and the two descriptors through the __LIBFUZZER_* variables below.
//
// After each input the map is copied into __libfuzzer_extra_counters, a section libFuzzer reads as coverage of its own.
// An exception, or a child that dies on an input (stack overflow, fail-fast, a native crash, the OOM killer), traps
// here, so libFuzzer saves the input as a crash. Timeouts are libFuzzer's (-timeout): the child dies with us.
//
// Usage: fuzz-driver [libFuzzer flags] [corpus dirs] --target=PATH [--target-arg=ARG]
// (libFuzzer ignores every argument that starts with "--", so ours pass through it untouched.)

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

// The sizes SharpFuzz maps: its instrumentation indexes a 64 KiB map, and it reads input from just after it.
#define COVERAGE_MAP_BYTES (1 << 16)
#define INPUT_AREA_BYTES (1 << 20)

// The child's ends of the two pipes, the descriptors SharpFuzz's own driver uses.
#define CONTROL_FD 198
#define STATUS_FD 199

#define MESSAGE_BYTES 4

__attribute__((used, section("__libfuzzer_extra_counters")))
static uint8_t s_extra_counters[COVERAGE_MAP_BYTES];

static const char *s_target_path;
static const char *s_target_arg;

static uint8_t *s_shared;   // the coverage map, then the input area
static int s_control_fd = -1;  // we write input lengths here
static int s_status_fd = -1;   // and read statuses here
static pid_t s_child;

__attribute__((noreturn)) static void fail(const char *what)
{
    fprintf(stderr, "fuzz-driver: %s: %s\n", what, strerror(errno));
    exit(1);
}

static const char *flag_value(const char *arg, const char *name)
{
    size_t length = strlen(name);
    return strncmp(arg, name, length) == 0 && arg[length] == '=' && arg[length + 1] != '\0' ? arg + length + 1 : NULL;
}

// Reads or writes exactly MESSAGE_BYTES; returns 0 on success, -1 when the other end has gone.
static int transfer(int fd, void *message, int writing)
{
    size_t done = 0;
    while (done < MESSAGE_BYTES)
    {
        ssize_t n = writing ? write(fd, (char *)message + done, MESSAGE_BYTES - done)
                            : read(fd, (char *)message + done, MESSAGE_BYTES - done);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

// The child is gone in the middle of an input: say how it ended, and crash so that libFuzzer keeps the input.
__attribute__((noreturn)) static void child_died(void)
{
    int status = 0;
    if (waitpid(s_child, &status, 0) == s_child)
    {
        if (WIFSIGNALED(status))
        {
            fprintf(stderr, "fuzz-driver: the target died of signal %d\n", WTERMSIG(status));
        }
        else
        {
            fprintf(stderr, "fuzz-driver: the target exited with status %d\n", WEXITSTATUS(status));
        }
    }
    __builtin_trap();
}

static void start_target(void)
{
    int control[2], status[2];
    if (pipe(control) != 0 || pipe(status) != 0)
    {
        fail("pipe");
    }
    int shm_id = shmget(IPC_PRIVATE, COVERAGE_MAP_BYTES + INPUT_AREA_BYTES, IPC_CREAT | IPC_EXCL | 0600);
    if (shm_id < 0)
    {
        fail("shmget");
    }
    s_shared = shmat(shm_id, NULL, 0);
    if (s_shared == (void *)-1)
    {
        fail("shmat");
    }

    s_child = fork();
    if (s_child < 0)
    {
        fail("fork");
    }
    if (s_child == 0)
    {
        // A target stuck in a loop must not outlive a driver that libFuzzer's timeout has ended.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (dup2(control[0], CONTROL_FD) < 0 || dup2(status[1], STATUS_FD) < 0)
        {
            fail("dup2");
        }
        close(control[0]);
        close(control[1]);
        close(status[0]);
        close(status[1]);
        char id[16];
        snprintf(id, sizeof id, "%d", shm_id);
        setenv("__LIBFUZZER_SHM_ID", id, 1);
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
        setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
        execl(s_target_path, s_target_path, s_target_arg, (char *)NULL);
        fail("exec");
    }

    close(control[0]);
    close(status[1]);
    s_control_fd = control[1];
    s_status_fd = status[0];

    int32_t ready;
    if (transfer(s_status_fd, &ready, 0) != 0)
    {
        fprintf(stderr, "fuzz-driver: %s did not start\n", s_target_path);
        exit(1);
    }
    // Both of us are attached now: marked for removal, the segment goes when the last of us exits, however we exit.
    shmctl(shm_id, IPC_RMID, NULL);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (int i = 1; i < *argc; i++)
    {
        const char *value;
        if ((value = flag_value((*argv)[i], "--target")) != NULL)
        {
            s_target_path = value;
        }
        else if ((value = flag_value((*argv)[i], "--target-arg")) != NULL)
        {
            s_target_arg = value;
        }
    }
    if (s_target_path == NULL)
    {
        fprintf(stderr, "usage: fuzz-driver [libFuzzer flags] [corpus dirs] --target=PATH [--target-arg=ARG]\n");
        exit(1);
    }
    // A write to a child that has died fails with EPIPE instead of killing us, so child_died can report it.
    signal(SIGPIPE, SIG_IGN);
    // The child starts with the first input, so that a libFuzzer process that only supervises (-jobs, -merge) starts none.
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > INPUT_AREA_BYTES)
    {
        fprintf(stderr, "fuzz-driver: an input of %zu bytes exceeds the %d-byte input area; lower -max_len\n", size, INPUT_AREA_BYTES);
        exit(1);
    }
    if (s_child == 0)
    {
        start_target();
    }
    memset(s_shared, 0, COVERAGE_MAP_BYTES);
    memcpy(s_shared + COVERAGE_MAP_BYTES, data, size);

    int32_t length = (int32_t)size;
    int32_t status;
    if (transfer(s_control_fd, &length, 1) != 0 || transfer(s_status_fd, &status, 0) != 0)
    {
        child_died();
    }
    memcpy(s_extra_counters, s_shared, COVERAGE_MAP_BYTES);
    if (status != 0)
    {
        // The target printed the exception; stop here so that libFuzzer writes the crash input.
        __builtin_trap();
    }
    return 0;
}
