/*
 * ordinal.h - small ordered vocabularies stored as one byte.
 *
 * Condition grades and risk bands are both "a word from a short, ordered list":
 * the stored byte is the word's position, so byte order is the domain order and
 * comparison, hashing and binary I/O need no table look-up.
 */
#ifndef ESTATE_CORE_ORDINAL_H
#define ESTATE_CORE_ORDINAL_H

#include <stddef.h>

typedef struct estate_ordinal
{
	const char *type_name;		/* SQL name, for messages */
	const char *const *names;	/* canonical spellings, best/lowest first */
	int			count;
	const char *accepted;		/* the valid spellings, for hints */
} estate_ordinal;

/*
 * Parse len bytes of s: case-insensitive, surrounding whitespace ignored.
 * Returns the position (0 .. count-1), or -1 when s is no valid spelling.
 */
extern int	estate_ordinal_parse(const estate_ordinal *kind, const char *s, size_t len);

/* Canonical spelling of a position, or NULL when out of range. */
extern const char *estate_ordinal_name(const estate_ordinal *kind, int value);

#endif
