// glibc's allocator settings (mallopt), for CRFApp's HeapReuse. Not part of the Glibc module.
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
