/*
 * bigmem.c - large work buffers backed by transparent huge pages.
 *
 * A backend pays a page fault for each 4 kB page it touches first.  On a
 * virtual machine a fault can cost 15-30 us, so filling a few megabytes
 * costs more than the arithmetic done in them: measured on the project's CI
 * machine (2 vCPUs, Linux 6.18), touching 8 MB of fresh memory took 37 ms in
 * 4 kB pages and 0.5 ms in 2 MB ones.  Where the kernel backs memory with
 * huge pages on request (transparent_hugepage "madvise", or "always"),
 * asking for them makes one fault serve 2 MB.
 *
 * The memory still comes from palloc, so it belongs to a memory context and
 * is freed with it, on error too, and memory accounting sees it.  A 2 MB
 * extent can only become a huge page while none of it is in use, so a buffer
 * that must start on its own starts on a 2 MB boundary inside a chunk 2 MB
 * larger; the slack before it is never touched.  Elsewhere (no
 * MADV_HUGEPAGE, or transparent huge pages off) the hint does nothing.
 */
#include "postgres.h"

#include <sys/mman.h>

#include "utils/memutils.h"

#include "common/bigmem.h"

/* The huge page size of x86-64, and of arm64 with 4 kB pages. */
#define HUGE_PAGE	((Size) 2 * 1024 * 1024)

/* Ask for huge pages over the whole 2 MB extents inside [p, p + size). */
void
estate_big_hint(void *p, Size size)
{
#ifdef MADV_HUGEPAGE
	uintptr_t	start = TYPEALIGN(HUGE_PAGE, (uintptr_t) p);
	uintptr_t	end = TYPEALIGN_DOWN(HUGE_PAGE, (uintptr_t) p + size);

	/* Only a hint: where it is refused the memory is simply not huge. */
	if (size >= ESTATE_BIG_MIN && end > start)
		(void) madvise((void *) start, end - start, MADV_HUGEPAGE);
#else
	(void) p;
	(void) size;
#endif
}

/*
 * A buffer carries its chunk's address just before it (in the slack when
 * aligned), so that code passing it around as a plain pointer can free it.
 */
#define BIG_HEADER	MAXALIGN(sizeof(void *))

/*
 * At least size bytes of a chunk of CurrentMemoryContext; from
 * ESTATE_BIG_MIN on they start on a 2 MB boundary and span whole huge pages.
 */
void *
estate_big_palloc(Size size)
{
	void	   *chunk;
	char	   *p;

	if (size < ESTATE_BIG_MIN)
	{
		chunk = palloc_extended(Max(size, 1) + BIG_HEADER, MCXT_ALLOC_HUGE);
		p = (char *) chunk + BIG_HEADER;
	}
	else
	{
		size = TYPEALIGN(HUGE_PAGE, size);
		chunk = palloc_extended(size + HUGE_PAGE + BIG_HEADER, MCXT_ALLOC_HUGE);
		p = (char *) TYPEALIGN(HUGE_PAGE, (uintptr_t) chunk + BIG_HEADER);
		estate_big_hint(p, size);
	}
	((void **) p)[-1] = chunk;
	return p;
}

void
estate_big_free(void *p)
{
	pfree(((void **) p)[-1]);
}

/*
 * Grow to size bytes keeping the first used: in place below ESTATE_BIG_MIN,
 * else a copy into huge pages (repalloc would keep the memory's 4 kB pages).
 */
void *
estate_big_realloc(void *p, Size used, Size size)
{
	void	   *chunk = ((void **) p)[-1];
	MemoryContext old;
	char	   *q;

	if (size < ESTATE_BIG_MIN)
	{
		chunk = repalloc_huge(chunk, size + BIG_HEADER);
		q = (char *) chunk + BIG_HEADER;
		((void **) q)[-1] = chunk;
		return q;
	}
	old = MemoryContextSwitchTo(GetMemoryChunkContext(chunk));
	q = estate_big_palloc(size);
	MemoryContextSwitchTo(old);
	memcpy(q, p, used);
	estate_big_free(p);
	return q;
}
