/*
 * binary.c - fixed-length, versioned binary input (see binary.h).
 */
#include "common/binary.h"

#include "libpq/pqformat.h"

#include "common/error.h"

void
estate_recv_fixed(StringInfo buf, const char *type_name, int size, int version)
{
	(void) estate_recv_fixed_versions(buf, type_name, size, version, version);
}

int
estate_recv_fixed_versions(StringInfo buf, const char *type_name, int size, int oldest, int newest)
{
	int			remaining = buf->len - buf->cursor;
	int			got;

	if (remaining != size)
		estate_error(ESTATE_ERR_BINARY, NULL, NULL,
					 "invalid binary input for type %s: %d bytes, expected %d",
					 type_name, remaining, size);
	if (newest == ESTATE_BINARY_UNVERSIONED)
		return newest;
	got = pq_getmsgbyte(buf);
	if (got < oldest || got > newest)
	{
		if (oldest == newest)
			estate_error(ESTATE_ERR_BINARY, NULL, NULL,
						 "invalid binary input for type %s: version %d, expected %d",
						 type_name, got, newest);
		estate_error(ESTATE_ERR_BINARY, NULL, NULL,
					 "invalid binary input for type %s: version %d, expected %d to %d",
					 type_name, got, oldest, newest);
	}
	return got;
}
