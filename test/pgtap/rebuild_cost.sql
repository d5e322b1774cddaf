-- estate.rebuild_cost (filled by the user) and estate.replacement_value_proxy.
BEGIN;
SELECT plan(21);

SELECT is((SELECT count(*) FROM estate.rebuild_cost), 0::bigint, 'ships empty');
SELECT ok((SELECT 'estate.rebuild_cost'::regclass = ANY (extconfig) FROM pg_extension WHERE extname = 'estate'),
          'registered with pg_extension_config_dump');

-- Site types are matched whatever the year's spelling.
SELECT is(estate.site_type_key('1. General acute hospital'), 'general acute hospital', 'numbered prefix dropped');
SELECT is(estate.site_type_key('  GENERAL ACUTE HOSPITAL '), 'general acute hospital', 'case and spaces');
SELECT is(estate.site_type_key('12) Mental Health'), 'mental health', 'a prefix with a parenthesis');
SELECT is(estate.site_type_key('Community hospital (with inpatient beds)'), 'community hospital (with inpatient beds)',
          'parentheses inside a type are kept');

INSERT INTO estate.rebuild_cost (site_type, cost_per_m2_gbp, price_base, source) VALUES
    ('General acute hospital', 3200.00, '2024 Q1', 'illustrative'),
    ('Community hospital (with inpatient beds)', 2650.00, '2024 Q1', 'illustrative');

-- 12,000 m2 x 3,200 = 38,400,000.00; 4,832.5 m2 x 2,650 = 12,806,125.00.
SELECT is(estate.replacement_value_proxy('GENERAL ACUTE HOSPITAL', 12000), 38400000.00, '2013/14 spelling: 12,000 x 3,200');
SELECT is(estate.replacement_value_proxy('1. General acute hospital', 12000), 38400000.00, 'numbered spelling');
SELECT is(estate.replacement_value_proxy('Community hospital (with inpatient beds)', 4832.5), 12806125.00, '4,832.5 x 2,650');
SELECT is(estate.replacement_value_proxy('General acute hospital', 0.333), 1065.60, 'rounded to the penny: 0.333 x 3,200');
SELECT ok(estate.replacement_value_proxy('Mental Health', 5000) IS NULL, 'a type without a cost: NULL');
SELECT ok(estate.replacement_value_proxy('General acute hospital', NULL) IS NULL, 'NULL area: NULL');
SELECT ok(estate.replacement_value_proxy(NULL, 100) IS NULL, 'NULL type: NULL');

SELECT throws_ok($$SELECT estate.replacement_value_proxy('General acute hospital', -1)$$, '22023',
                 'invalid gross internal floor area: -1 m2', 'negative area');
SELECT throws_ok($$SELECT estate.replacement_value_proxy('General acute hospital', 'NaN')$$, '22023',
                 'invalid gross internal floor area: NaN m2', 'NaN area');
SELECT throws_ok($$INSERT INTO estate.rebuild_cost VALUES ('general ACUTE hospital', 1)$$, '23505', NULL,
                 'one cost per type, whatever the spelling');
SELECT throws_ok($$INSERT INTO estate.rebuild_cost VALUES ('Hospice', 0)$$, '23514', NULL, 'a cost above 0');

-- Everyone may read it; only the extension's owner may write it.
CREATE ROLE estate_reader;
SET ROLE estate_reader;
SELECT is((SELECT count(*) FROM estate.rebuild_cost), 2::bigint, 'PUBLIC can read');
SELECT is(estate.replacement_value_proxy('General acute hospital', 1), 3200.00, 'PUBLIC can use the proxy');
SELECT throws_ok($$INSERT INTO estate.rebuild_cost VALUES ('Hospice', 2000)$$, '42501', NULL, 'PUBLIC cannot write');
RESET ROLE;
SELECT ok(has_table_privilege((SELECT extowner FROM pg_extension WHERE extname = 'estate'), 'estate.rebuild_cost',
                              'INSERT, UPDATE, DELETE, TRUNCATE'), 'the extension owner can write');

SELECT * FROM finish();
ROLLBACK;
