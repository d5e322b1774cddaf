-- estate.parse_amount and estate.cell_kind: the number formats of published returns.
BEGIN;
SELECT plan(71);

-- Every accepted format, with the value written out by hand.
SELECT is(estate.parse_amount(s), v, format('parse_amount(%L) = %s', translate(s, E'\t\r\n', '→␍↵'), v))
FROM (VALUES ('0', 0::numeric), ('1234', 1234), ('1,234', 1234), ('2,864,738', 2864738),
             ('1,000,000.5', 1000000.5), ('0.43', 0.43), ('12.3456', 12.3456),
             ('£1,234.56', 1234.56), ('£0', 0), ('-4913', -4913), ('-£1,234', -1234),
             ('£-1,234', -1234), ('+7', 7), ('£+7', 7), ('  1,234  ', 1234), (E'\t42\r\n', 42),
             (U&'\00A015\00A0', 15), ('007', 7), ('-0', 0), ('-0.01', -0.01),
             ('123,456,789,012,345,678,901,234', 123456789012345678901234)) AS t(s, v);
-- The scale is kept as written.
SELECT is(estate.parse_amount('100.50')::text, '100.50', 'the scale is kept (100.50)');
SELECT is(estate.parse_amount('£1,234.00')::text, '1234.00', 'the scale is kept (£1,234.00)');

-- No value: NULL, never 0.
SELECT ok(estate.parse_amount(s) IS NULL, format('parse_amount(%L) is NULL', translate(s, E'\t', '→')))
FROM unnest(ARRAY['', '   ', '-', ' - ', 'N/A', 'n/a', 'Not Applicable', 'not applicable', 'NOT APPLICABLE',
                  'No Data Provided', 'no data provided', E'No  Data\tProvided']) AS s;
SELECT ok(estate.parse_amount(NULL) IS NULL, 'parse_amount(NULL) is NULL');

-- Everything else is 22P02 naming the value.
SELECT throws_ok(format('SELECT estate.parse_amount(%L)', s), '22P02', format('invalid amount: "%s"', s),
                 format('%L is rejected', s))
FROM unnest(ARRAY['abc', '1e5', 'NaN', 'Infinity', '-Infinity', '1,23', '1,2345', '12,34,567', '1234,567',
                  ',123', '1,', '0,123', '1.', '.5', '1.2.3', '1 234', '£', '£ 1', '+', '--1', '1-',
                  '(1,234)', '12%', 'Yes', 'N/A1', 'No Data', '0x10']) AS s;

-- What a cell holds: an answer, a gap, or a value (values are not validated here).
SELECT is(estate.cell_kind(s), k, format('cell_kind(%L) = %s', s, k))
FROM (VALUES ('Not Applicable', 'not applicable'), ('n/a', 'not applicable'),
             ('No Data Provided', 'missing'), ('', 'missing'), ('-', 'missing'),
             ('1,234', 'value'), ('Yes', 'value')) AS t(s, k);
SELECT is(estate.cell_kind(NULL), 'missing', 'cell_kind(NULL) is missing: a blank cell');

SELECT * FROM finish();
ROLLBACK;
