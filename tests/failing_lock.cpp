// libyalu_failing_lock.so: an LD_PRELOAD library for the lock tests (ops_test.cpp), built only
// with the tests and never installed. It makes file locks fail the way a file system without
// locking refuses them (NFS without its lock service, lockd: ENOLCK), deterministically, on any
// machine:
//
//   YALU_FAIL_FLOCK=N        flock() fails with errno N (37 is ENOLCK): yalu-index's PATH.lock
//   YALU_FAIL_FCNTL_LOCK=N   fcntl()'s record locks (F_SETLK, F_SETLKW, F_OFD_SETLK and
//                            F_OFD_SETLKW) fail with errno N: Xapian's own write lock
//
// Unset or not a number: the call goes to glibc's, found with dlsym(RTLD_NEXT), as does every
// other fcntl() command.

#include <dlfcn.h>
#include <fcntl.h>

#include <cerrno>
#include <cstdarg>
#include <cstdlib>

namespace {

// The errno the variable `name` asks for, or 0 when the call is to go through.
int failure(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value < '1' || *value > '9') return 0;
    return std::atoi(value);
}

bool is_lock(int command) {
    return command == F_SETLK || command == F_SETLKW || command == F_OFD_SETLK ||
           command == F_OFD_SETLKW;
}

int failed(int error) {
    errno = error;
    return -1;
}

}  // namespace

extern "C" {

// The function must be named flock, which -Wshadow reads as hiding struct flock's constructor.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
int flock(int fd, int operation) {
    if (const int error = failure("YALU_FAIL_FLOCK")) return failed(error);
    using Flock = int (*)(int, int);
    static const auto next = reinterpret_cast<Flock>(::dlsym(RTLD_NEXT, "flock"));
    return next(fd, operation);
}
#pragma GCC diagnostic pop

// glibc's own fcntl reads its third argument as a pointer whatever the command, and so does
// this one.
int fcntl(int fd, int command, ...) {
    std::va_list arguments;
    va_start(arguments, command);
    void* argument = va_arg(arguments, void*);
    va_end(arguments);
    if (is_lock(command))
        if (const int error = failure("YALU_FAIL_FCNTL_LOCK")) return failed(error);
    using Fcntl = int (*)(int, int, ...);
    static const auto next = reinterpret_cast<Fcntl>(::dlsym(RTLD_NEXT, "fcntl"));
    return next(fd, command, argument);
}

}  // extern "C"
