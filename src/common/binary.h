/*
 * binary.h - fixed-length, versioned binary input, shared by the receive
 * functions of the fixed-size types (condition grades, risk bands, backlog,
 * the disposal impact state).
 */
#ifndef ESTATE_COMMON_BINARY_H
#define ESTATE_COMMON_BINARY_H

#include "postgres.h"
#include "lib/stringinfo.h"

/* No version byte: the value is the bytes alone. */
#define ESTATE_BINARY_UNVERSIONED (-1)

/*
 * Check that buf holds exactly size bytes and, unless version is
 * ESTATE_BINARY_UNVERSIONED, read the first as the version byte, which must
 * equal version.  22P03 otherwise, naming type_name:
 * "invalid binary input for type T: N bytes, expected M", or
 * "...: version V, expected W".  The fields that follow are read by the
 * caller, which validates them as text input would.
 */
extern void estate_recv_fixed(StringInfo buf, const char *type_name, int size, int version);

/*
 * The same for a type whose binary form changed: any version from oldest to
 * newest is read ("...: version V, expected O to N" otherwise); returns the
 * version, so that the caller reads an older form as it was written.
 */
extern int	estate_recv_fixed_versions(StringInfo buf, const char *type_name, int size,
									   int oldest, int newest);

#endif
