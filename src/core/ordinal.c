/*
 * ordinal.c - parsing and naming of one-byte ordered vocabularies.
 */
#include "ordinal.h"
#include "scan.h"

static char
to_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

int
estate_ordinal_parse(const estate_ordinal *kind, const char *s, size_t len)
{
	size_t		start = 0;
	size_t		end = len;

	while (start < end && estate_is_space(s[start]))
		start++;
	while (end > start && estate_is_space(s[end - 1]))
		end--;

	for (int v = 0; v < kind->count; v++)
	{
		const char *name = kind->names[v];
		size_t		i = 0;

		while (start + i < end && name[i] != '\0' &&
			   to_upper(s[start + i]) == to_upper(name[i]))
			i++;
		if (start + i == end && name[i] == '\0')
			return v;
	}
	return -1;
}

const char *
estate_ordinal_name(const estate_ordinal *kind, int value)
{
	if (value < 0 || value >= kind->count)
		return NULL;
	return kind->names[value];
}
