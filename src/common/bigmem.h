/*
 * bigmem.h - large work buffers (megabytes: an aggregate's growing state, a
 * final function's arrays) backed by transparent huge pages where the kernel
 * offers them.
 */
#ifndef ESTATE_COMMON_BIGMEM_H
#define ESTATE_COMMON_BIGMEM_H

#include "postgres.h"

/* Buffers from this size on are worth a huge page. */
#define ESTATE_BIG_MIN		((Size) 1024 * 1024)

/* Huge pages asked for over the whole 2 MB extents of an allocation. */
extern void estate_big_hint(void *p, Size size);

/*
 * A large buffer: estate_big_palloc (in CurrentMemoryContext) is freed with
 * estate_big_free, and grown with estate_big_realloc (in the buffer's
 * context, keeping `used` bytes).
 */
extern void *estate_big_palloc(Size size);
extern void estate_big_free(void *p);
extern void *estate_big_realloc(void *p, Size used, Size size);

#endif
