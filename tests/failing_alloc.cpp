// libyalu_failing_alloc.so: an LD_PRELOAD library for the out-of-memory tests (ops_test.cpp),
// built only with the tests and never installed. It makes single allocations fail the way an
// exhausted machine does, deterministically: malloc, calloc, realloc, memalign,
// aligned_alloc, posix_memalign, valloc and pvalloc return NULL (errno ENOMEM) for one request
// of more bytes than $YALU_FAIL_ALLOC_ABOVE, so operator new throws std::bad_alloc and pugixml
// reports status_out_of_memory. `ulimit -v` cannot do this: it fails whatever comes next, a
// thread's stack or a mapping included (segfaults), and depends on what the machine maps.
//
//   YALU_FAIL_ALLOC_ABOVE=N        fail every single request of more than N bytes (unset or not a
//                                  number: fail nothing, the library only forwards)
//   YALU_FAIL_ALLOC_THREAD=NAME    only on threads of that name (the kernel's comm, at most 15
//                                  bytes: the main thread's is the program's, yalu-index's
//                                  pipeline threads are yalu-analyse and yalu-write); unset:
//                                  every thread
//
// Everything else goes to glibc's own allocator (__libc_malloc and friends), so no dlsym and
// no allocation of its own.

#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
}

namespace {

// Whether a request of `size` bytes is to fail. getenv and prctl allocate nothing, so this
// may run inside malloc, before main and on any thread.
bool fails(std::size_t size) {
    const char* above = std::getenv("YALU_FAIL_ALLOC_ABOVE");
    if (above == nullptr || *above < '0' || *above > '9') return false;
    char* end = nullptr;
    const unsigned long long limit = std::strtoull(above, &end, 10);
    if (*end != '\0' || size <= limit) return false;
    const char* thread = std::getenv("YALU_FAIL_ALLOC_THREAD");
    if (thread == nullptr) return true;
    char name[17] = {};
    if (::prctl(PR_GET_NAME, name) != 0) return false;
    return std::strcmp(name, thread) == 0;
}

void* refused() {
    errno = ENOMEM;
    return nullptr;
}

}  // namespace

extern "C" {

void* malloc(std::size_t size) noexcept {
    return fails(size) ? refused() : __libc_malloc(size);
}

void* calloc(std::size_t count, std::size_t size) noexcept {
    // An overflowing product is glibc's to refuse.
    if (size != 0 && count <= static_cast<std::size_t>(-1) / size && fails(count * size))
        return refused();
    return __libc_calloc(count, size);
}

void* realloc(void* pointer, std::size_t size) noexcept {
    return fails(size) ? refused() : __libc_realloc(pointer, size);
}

void* memalign(std::size_t alignment, std::size_t size) noexcept {
    return fails(size) ? refused() : __libc_memalign(alignment, size);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
    return fails(size) ? refused() : __libc_memalign(alignment, size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
    if (alignment < sizeof(void*) || (alignment & (alignment - 1)) != 0) return EINVAL;
    if (fails(size)) return ENOMEM;
    void* pointer = __libc_memalign(alignment, size);
    if (pointer == nullptr) return ENOMEM;
    *out = pointer;
    return 0;
}

void* valloc(std::size_t size) noexcept {
    return fails(size) ? refused()
                       : __libc_memalign(static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)), size);
}

void* pvalloc(std::size_t size) noexcept {
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t rounded = (size + page - 1) / page * page;
    return fails(rounded) ? refused() : __libc_memalign(page, rounded == 0 ? page : rounded);
}

}  // extern "C"
