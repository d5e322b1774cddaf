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

/*
 * An arena: the growing buffers of one memory context's many owners (an
 * aggregate's groups), in blocks of powers of two from 4 kB to 1 MB carved
 * from slabs of up to 8 MB in huge pages, and reused once freed.  Larger
 * buffers are estate_big_palloc'd in CurrentMemoryContext and grown by
 * estate_big_realloc.  estate_arena_of gives a context's arena, made on
 * first use and gone when the context is reset or deleted; NULL when it
 * cannot have one (too many live at once), and every function below takes a
 * NULL arena to mean estate_big_* in CurrentMemoryContext.  estate_arena_alloc
 * raises *size to the block's room; freeing or growing a block takes any
 * size from the one asked for to that room.
 */
typedef struct estate_arena estate_arena;

extern estate_arena *estate_arena_of(MemoryContext cxt);
extern void *estate_arena_alloc(estate_arena *a, Size *size);
extern void estate_arena_free(estate_arena *a, void *p, Size size);
extern void *estate_arena_realloc(estate_arena *a, void *p, Size used, Size old_size, Size *size);

#endif
