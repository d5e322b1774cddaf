-- The loader's year guards: each year's header signature, how a file's
-- headers are matched against it (Jaccard similarity of the sets of header
-- keys), the years named in file names, force, and the audit of a forced load.
-- The wrong kind is in eric.sql; the shipped files themselves in
-- test/eric/loader.sh.
BEGIN;
SELECT plan(32);

-- 1. The shipped signatures: one row per column of each file's header row
--    (data/eric/), the repeated headers of 2014/15's site file counting once.
SELECT is((SELECT string_agg(format('%s %s %s %s', kind, financial_year, n, k), ', ' ORDER BY kind, financial_year)
           FROM (SELECT kind, financial_year, count(*) AS n, count(DISTINCT header_key) AS k
                 FROM estate.eric_header_signature WHERE shipped GROUP BY 1, 2) AS s),
          'site 2013 76 76, site 2014 104 94, site 2015 112 112, trust 2013 48 48, trust 2014 40 40, trust 2015 42 42',
          'every shipped year and kind has its signature: columns, and distinct header keys');
SELECT is((SELECT string_agg(header, ' | ' ORDER BY column_no) FROM estate.eric_header_signature
           WHERE kind = 'site' AND financial_year = 2015 AND column_no <= 3),
          'Organisation Code | Organisation Name | Commissioning Region', 'headers are kept as published');

-- 2. estate.eric_signature_match.  2014/15's site headers against each site
--    year: the keys shared with 2013/14 (57) and 2015/16 (50) are counted
--    from the shipped files; similarity = shared / (94 + signature - shared):
--    2013/14 57 / (94 + 76 - 57) = 57 / 113 = 0.5044; 2014/15 94 / 94 = 1;
--    2015/16 50 / (94 + 112 - 50) = 50 / 156 = 0.3205.  The trust years share
--    the 4 identity columns, 2013/14 also two cleaning and laundry headers:
--    6 / (94 + 48 - 6) = 0.0441, 4 / (94 + 40 - 4) = 0.0308, 4 / (94 + 42 - 4) = 0.0303.
SELECT is((SELECT string_agg(format('%s %s %s/%s/%s %s', m.kind, m.year_label, m.shared, m.file_keys, m.signature_keys, m.similarity),
                             ', ' ORDER BY m.kind, m.financial_year)
           FROM estate.eric_signature_match(ARRAY(SELECT header FROM estate.eric_header_signature
                                                  WHERE kind = 'site' AND financial_year = 2014 ORDER BY column_no)) AS m),
          'site 2013/14 57/94/76 0.504, site 2014/15 94/94/94 1.000, site 2015/16 50/94/112 0.321, '
          'trust 2013/14 6/94/48 0.044, trust 2014/15 4/94/40 0.031, trust 2015/16 4/94/42 0.030',
          '2014/15''s site headers match 2014/15 exactly, the trust years little');
-- Blank headers are no keys; headers differing in case, spacing or £ are one key.
SELECT is((SELECT array_agg(file_keys ORDER BY kind, financial_year)
           FROM estate.eric_signature_match(ARRAY['Site Code', ' site  CODE ', '', '  ', 'Water cost (£)', 'water cost gbp'])),
          '{2,2,2,2,2,2}'::integer[], 'a file''s keys: blanks left out, spellings folded');
SELECT is((SELECT array_agg(similarity ORDER BY kind, financial_year) FROM estate.eric_signature_match('{}')),
          '{0.000,0.000,0.000,0.000,0.000,0.000}'::numeric[], 'no headers share nothing');
SELECT is((SELECT count(*) FROM estate.eric_signature_match(NULL)), 0::bigint, 'NULL headers: no rows (STRICT)');

-- 3. Loads.  A small site file (codes, then one more header) as each year:
CREATE FUNCTION pg_temp.load(file text, year text, headers text, force boolean DEFAULT false) RETURNS bigint
    LANGUAGE sql AS $$SELECT estate.load_eric(file, year, 'site', repeat('e', 64), 'UTF8',
                                             ARRAY['Organisation Code,Site Code,' || headers, 'ZGA,ZGA01,1'], force)$$;
-- Every header in 2015/16's signature: 2015/16's (perhaps cut to fewer
-- columns), although the smaller 2013/14 signature is closer by similarity
-- (3 / 76 = 0.039 against 3 / 112 = 0.027).
SELECT lives_ok($$SELECT pg_temp.load('f.csv', '2015/16', 'Occupied floor area (m²)')$$,
                'a file whose every header is in --year''s signature loads, whatever the others');
-- "Site footprint (m²)" is 2013/14's alone: the file shares 3 keys with
-- 2013/14 (3 / (3 + 76 - 3) = 0.0395), 2 with 2014/15 (2 / 95 = 0.0211) and
-- 2 with 2015/16 (2 / (3 + 112 - 2) = 2 / 113 = 0.0177).
SELECT throws_ok($$SELECT pg_temp.load('f.csv', '2015/16', 'Site footprint (m²)')$$, '22023',
                 'f.csv looks like 2013/14, not 2015/16: its headers match 2013/14''s signature better (similarity 0.039 = 3 shared / 76 in either) than 2015/16''s (0.018 = 2 / 113)',
                 'a file matching another year better is refused, naming both years and the figures');
SELECT is((SELECT string_agg(format('%s %s', year_label, rows_loaded), ',') FROM estate.eric_load), '2015/16 1',
          'and nothing was loaded: the audit holds the one load before');
SELECT lives_ok($$SELECT pg_temp.load('f.csv', '2015/16', 'Site footprint (m²)', true)$$, 'force => true loads it all the same');
SELECT is((SELECT format('%s %s: %s', year_label, rows_loaded, forced) FROM estate.eric_load ORDER BY load_id DESC LIMIT 1),
          '2015/16 1: looks like 2013/14, not 2015/16: its headers match 2013/14''s signature better (similarity 0.039 = 3 shared / 76 in either) than 2015/16''s (0.018 = 2 / 113)',
          'the audit records what force overrode');
SELECT lives_ok($$SELECT pg_temp.load('f.csv', '2013/14', 'Site footprint (m²)')$$, 'the same file as 2013/14 loads');
SELECT ok((SELECT forced IS NULL FROM estate.eric_load ORDER BY load_id DESC LIMIT 1), 'unforced: forced is NULL');
SELECT lives_ok($$SELECT pg_temp.load('f.csv', '2015/16', 'Occupied floor area (m²)', true)$$, 'force with nothing to override loads');
SELECT ok((SELECT forced IS NULL FROM estate.eric_load ORDER BY load_id DESC LIMIT 1), 'and records no override');
SELECT throws_ok($$SELECT pg_temp.load('f.csv', '2015/16', 'Occupied floor area (m²)', NULL)$$, '22004',
                 'estate.load_eric needs a file name, checksum, encoding, lines and force', 'force NULL is refused');

-- 4. Years users add: two made-up signatures, 2040/41 {codes, Alpha} and
--    2041/42 {codes, Beta}.
INSERT INTO estate.eric_header_signature (kind, financial_year, column_no, header)
VALUES ('site', 2040, 1, 'Organisation Code'), ('site', 2040, 2, 'Site Code'), ('site', 2040, 3, 'Alpha (No.)'),
       ('site', 2041, 1, 'Organisation Code'), ('site', 2041, 2, 'Site Code'), ('site', 2041, 3, 'Beta (No.)');
-- {codes, Alpha} given 2041/42: 2040/41 3 / 3 = 1 against 2041/42 2 / 4 = 0.5.
SELECT throws_ok($$SELECT pg_temp.load('f.csv', '2041/42', 'Alpha (No.)')$$, '22023',
                 'f.csv looks like 2040/41, not 2041/42: its headers match 2040/41''s signature better (similarity 1.000 = 3 shared / 3 in either) than 2041/42''s (0.500 = 2 / 4)',
                 'a signature users add guards its year');
-- {codes, Gamma}: 2 / 4 = 0.5 for both years, a tie: --year stands.
SELECT lives_ok($$SELECT pg_temp.load('f.csv', '2041/42', 'Gamma (No.)')$$, 'a tie keeps --year');
SELECT lives_ok($$SELECT pg_temp.load('f.csv', '2040/41', 'Gamma (No.)')$$, 'either way');
-- A year with no signature is not checked by its headers (said in a NOTICE).
SELECT lives_ok($$SELECT pg_temp.load('f.csv', '2042/43', 'Alpha (No.)')$$, 'a year without a signature loads');

-- 5. Years in file names: the second year follows the first.
SELECT throws_ok(format($$SELECT pg_temp.load(%L, '2041/42', 'Beta (No.)')$$, f), '22023',
                 format('%s looks like 2040/41, not 2041/42: it is named for 2040/41', f),
                 format('a file named %s is refused as 2041/42 although its headers fit', f))
FROM unnest(ARRAY['eric_2040-41.csv', 'ERIC - 2040_41 - Site data.csv', 'site 2040 41.csv', 'site204041.csv',
                  'site 2040-2041.csv']) AS f;
SELECT lives_ok(format($$SELECT pg_temp.load(%L, '2041/42', 'Beta (No.)')$$, f), format('%s names no other year', f))
FROM unnest(ARRAY['eric_2041-42.csv', 'site 2040-42.csv', 'site 12040-41.csv', 'site 2040-411.csv', 'site 2041-2042 v2040.csv']) AS f;
-- Name and headers pointing at two other years: both are named.
SELECT throws_ok($$SELECT pg_temp.load('eric_2039-40.csv', '2041/42', 'Alpha (No.)')$$, '22023',
                 'eric_2039-40.csv looks like 2039/40 or 2040/41, not 2041/42: it is named for 2039/40; its headers match 2040/41''s signature better (similarity 1.000 = 3 shared / 3 in either) than 2041/42''s (0.500 = 2 / 4)',
                 'a name and headers of two other years');
SELECT is((SELECT count(*) FROM estate.eric_load WHERE forced IS NOT NULL), 1::bigint, 'one load was forced, the one above');

SELECT * FROM finish();
ROLLBACK;
