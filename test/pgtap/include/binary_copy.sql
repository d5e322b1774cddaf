-- Binary I/O helpers, included with \ir by the test files (the server writes
-- and reads a file of its own in /tmp).
--   pg_temp.copy_binary(source, target): COPY source to a file in binary and
--     load the file into target.
--   pg_temp.recv(target, payload): load one row (1, payload) into target,
--     where payload is hex: a bytea field has the wire form of its bytes, so
--     target's second column's receive function gets exactly those bytes.
CREATE FUNCTION pg_temp.binary_file() RETURNS text LANGUAGE sql AS
  $$SELECT format('/tmp/estate_test_%s.bin', pg_backend_pid())$$;
CREATE FUNCTION pg_temp.copy_binary(source regclass, target regclass) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE format('COPY %s TO %L WITH (FORMAT binary)', source, pg_temp.binary_file());
  EXECUTE format('COPY %s FROM %L WITH (FORMAT binary)', target, pg_temp.binary_file());
END
$f$;
CREATE FUNCTION pg_temp.recv(target regclass, payload text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE format($$COPY (SELECT 1, '\x%s'::bytea) TO %L WITH (FORMAT binary)$$, payload, pg_temp.binary_file());
  EXECUTE format('COPY %s FROM %L WITH (FORMAT binary)', target, pg_temp.binary_file());
END
$f$;
