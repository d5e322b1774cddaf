-- Settings: defaults, bad values rejected, the reserved prefix.
BEGIN;
SELECT plan(24);

-- Any estate function loads the library, which registers the settings.
SELECT estate.risk_score(1, 1);

SELECT is(current_setting('estate.underused_rate'), '0.25', 'estate.underused_rate defaults to 0.25');
SELECT is(current_setting('estate.target_non_clinical_share'), '0.35', 'estate.target_non_clinical_share defaults to 0.35');
SELECT is(current_setting('estate.target_unoccupied_share'), '0.025', 'estate.target_unoccupied_share defaults to 0.025');

SELECT lives_ok($$SET LOCAL estate.underused_rate = 0.3$$, 'a share in 0-1 is accepted');
SELECT is(current_setting('estate.underused_rate'), '0.3', 'and takes effect');

SELECT throws_ok($$SET LOCAL estate.underused_rate = 1.5$$, '22023', NULL, 'underused_rate above 1 is rejected');
SELECT throws_ok($$SET LOCAL estate.target_non_clinical_share = -0.1$$, '22023', NULL, 'a negative target is rejected');
SELECT throws_ok($$SET LOCAL estate.target_unoccupied_share = 'NaN'$$, '22023', NULL, 'NaN is rejected');
SELECT throws_ok($$SET LOCAL estate.target_unoccupied_share = 'a lot'$$, '22023', NULL, 'text is rejected');
SELECT is(current_setting('estate.underused_rate'), '0.3', 'a rejected value leaves the setting as it was');

-- estate.core_hours: parsed by the core_hours parser, shown canonically.
SELECT is(current_setting('estate.core_hours'), 'Mon-Fri 08:00-18:00 Europe/London', 'estate.core_hours defaults to Mon-Fri 08:00-18:00 Europe/London');
SELECT lives_ok($$SET LOCAL estate.core_hours = 'mon-sun 07:00-19:00; sat 09:00-12:00 utc'$$, 'valid core hours are accepted');
SELECT is(current_setting('estate.core_hours'), 'Mon-Sun 07:00-19:00 UTC', 'and shown in canonical form');
SELECT throws_ok($$SET LOCAL estate.core_hours = 'Mon-Fri 08:00-18:00 BST'$$, '22023',
                 'invalid value for parameter "estate.core_hours": "Mon-Fri 08:00-18:00 BST"', 'an abbreviation as zone is rejected');
SELECT throws_ok($$SET LOCAL estate.core_hours = 'Mon-Fri 8-18'$$, '22023', NULL, 'malformed core hours are rejected');
SELECT throws_ok($$SET LOCAL estate.core_hours = ''$$, '22023', NULL, 'empty core hours are rejected');
SELECT throws_ok($$SELECT set_config('estate.core_hours', 'Fri-Mon 08:00-18:00', true)$$, '22023', NULL, 'set_config is checked too');
SELECT is(current_setting('estate.core_hours'), 'Mon-Sun 07:00-19:00 UTC', 'a rejected value leaves the setting as it was');
SELECT lives_ok($$SET LOCAL estate.core_hours = 'Mon-Fri 08:00-18:00 Europe/London'$$, 'back to the default');

-- The settings are read by the STABLE forms only.
SELECT is((SELECT (estate.space_utilisation(p, 10, 20, '[2024-01-08, 2024-01-09)')).hours_available
           FROM (VALUES (tstzrange('2024-01-08 09:00+00', '2024-01-08 10:00+00'))) v(p)), 10::float8,
          'space_utilisation without core hours reads estate.core_hours');
SET LOCAL estate.core_hours = 'Mon 09:00-12:00 UTC';
SELECT is((SELECT (estate.space_utilisation(p, 10, 20, '[2024-01-08, 2024-01-09)')).hours_available
           FROM (VALUES (tstzrange('2024-01-08 09:00+00', '2024-01-08 10:00+00'))) v(p)), 3::float8,
          'and follows a change of it');
SELECT is(estate.room_status(ROW(10, 4, 0.4, 0.5, 0.2, 5)::estate.utilisation), 'under-used',
          'room_status without a threshold reads estate.underused_rate (0.3 here)');

-- The prefix is reserved: a misspelt setting is an error, not a silent placeholder.
SELECT throws_ok($$SET LOCAL estate.underused_rat = 0.3$$, '42602', NULL, 'unknown estate.* setting is rejected');
SELECT throws_ok($$SELECT set_config('estate.no_such_setting', '1', true)$$, '42602', NULL, 'set_config of an unknown estate.* setting is rejected');

SELECT * FROM finish();
ROLLBACK;
