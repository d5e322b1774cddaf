/*
 * binary.c - fixed-length, versioned binary input (see binary.h).
 */
#include "common/binary.h"

#include "libpq/pqformat.h"

#include "common/error.h"

void
estate_recv_fixed(StringInfo buf, const char *type_name, int size, int version)
{
	int			remaining = buf->len - buf->cursor;
	int			got;

	if (remaining != size)
		estate_error(ESTATE_ERR_BINARY, NULL, NULL,
					 "invalid binary input for type %s: %d bytes, expected %d",
					 type_name, remaining, size);
	if (version == ESTATE_BINARY_UNVERSIONED)
		return;
	got = pq_getmsgbyte(buf);
	if (got != version)
		estate_error(ESTATE_ERR_BINARY, NULL, NULL,
					 "invalid binary input for type %s: version %d, expected %d",
					 type_name, got, version);
}
