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

/* ---------------------------------------------------------------------------
 * Arenas
 *
 * Each of an aggregate's groups grows its own buffer by doubling.  Left to
 * malloc, every doubling of a few kilobytes takes fresh 4 kB pages and the
 * old block goes back to a free list that later groups rarely fit: over 1M
 * bookings of 1,000 rooms, realloc was a fifth of the aggregate's time,
 * mostly page faults.  An arena hands out blocks from slabs in huge pages
 * and keeps freed blocks by size for the next group that grows to it.
 * ------------------------------------------------------------------------- */

#define ARENA_MIN_SHIFT		12	/* 4 kB blocks, the smallest */
#define ARENA_CLASSES		9	/* up to 1 MB */
#define ARENA_MAX			((Size) 1 << (ARENA_MIN_SHIFT + ARENA_CLASSES - 1))
#define ARENA_FIRST_SLAB	((Size) 64 * 1024)
#define ARENA_MAX_SLAB		((Size) 8 * 1024 * 1024)
/* Arenas live at once in one process (one per aggregate memory context). */
#define ARENA_SLOTS			64

struct estate_arena
{
	MemoryContext cxt;
	void	   *free[ARENA_CLASSES];	/* freed blocks, linked through their
										 * first bytes */
	char	   *next;			/* the current slab's unused part */
	char	   *end;
	Size		slab;			/* the next slab's size */
	int			slot;
	MemoryContextCallback forget;
};

/*
 * The live arenas, by context.  The table is the process's, not a context's,
 * so that finding an arena never reads memory a reset has freed: an arena
 * leaves it by its context's reset callback.
 */
static estate_arena *arenas[ARENA_SLOTS];

static void
arena_forget(void *arg)
{
	arenas[((estate_arena *) arg)->slot] = NULL;
}

estate_arena *
estate_arena_of(MemoryContext cxt)
{
	int			free_slot = -1;
	estate_arena *a;

	for (int i = 0; i < ARENA_SLOTS; i++)
	{
		if (arenas[i] && arenas[i]->cxt == cxt)
			return arenas[i];
		if (!arenas[i] && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0)
		return NULL;
	a = MemoryContextAllocZero(cxt, sizeof(estate_arena));
	a->cxt = cxt;
	a->slab = ARENA_FIRST_SLAB;
	a->slot = free_slot;
	a->forget.func = arena_forget;
	a->forget.arg = a;
	MemoryContextRegisterResetCallback(cxt, &a->forget);
	arenas[free_slot] = a;
	return a;
}

static inline int
arena_class(Size size)
{
	int			k = 0;

	while (((Size) 1 << (ARENA_MIN_SHIFT + k)) < size)
		k++;
	return k;
}

static inline void
arena_push(estate_arena *a, void *p, int k)
{
	*(void **) p = a->free[k];
	a->free[k] = p;
}

/*
 * A new slab of at least need bytes.  The rest of the current one goes to
 * the free lists, in the largest blocks it holds.  Slabs double up to
 * ARENA_MAX_SLAB; from 2 MB on they are whole huge pages.
 */
static void
arena_new_slab(estate_arena *a, Size need)
{
	MemoryContext old;

	for (int k = ARENA_CLASSES - 1; k >= 0; k--)
	{
		Size		block = (Size) 1 << (ARENA_MIN_SHIFT + k);

		while ((Size) (a->end - a->next) >= block)
		{
			arena_push(a, a->next, k);
			a->next += block;
		}
	}
	while (a->slab < need)
		a->slab *= 2;
	old = MemoryContextSwitchTo(a->cxt);
	a->next = estate_big_palloc(a->slab);
	MemoryContextSwitchTo(old);
	a->end = a->next + a->slab;
	/* 512 kB is followed by 2 MB: a 1 MB slab would hold 4 MB of chunk. */
	a->slab = Min(a->slab < ESTATE_BIG_MIN / 2 ? a->slab * 2 : TYPEALIGN(HUGE_PAGE, a->slab * 2),
				  ARENA_MAX_SLAB);
}

void *
estate_arena_alloc(estate_arena *a, Size *size)
{
	void	   *p;
	int			k;

	if (a == NULL || *size > ARENA_MAX)
		return estate_big_palloc(*size);
	k = arena_class(*size);
	*size = (Size) 1 << (ARENA_MIN_SHIFT + k);
	if (a->free[k])
	{
		p = a->free[k];
		a->free[k] = *(void **) p;
		return p;
	}
	if ((Size) (a->end - a->next) < *size)
		arena_new_slab(a, *size);
	p = a->next;
	a->next += *size;
	return p;
}

void
estate_arena_free(estate_arena *a, void *p, Size size)
{
	if (a == NULL || size > ARENA_MAX)
		estate_big_free(p);
	else
		arena_push(a, p, arena_class(size));
}

void *
estate_arena_realloc(estate_arena *a, void *p, Size used, Size old_size, Size *size)
{
	void	   *q;

	/* A large buffer grows as estate_big_realloc grows it, in its context. */
	if (a == NULL || old_size > ARENA_MAX)
		return estate_big_realloc(p, used, *size);
	q = estate_arena_alloc(a, size);
	memcpy(q, p, used);
	estate_arena_free(a, p, old_size);
	return q;
}
