-- Settings (SPEC 7): defaults, bad values rejected, the reserved prefix.
BEGIN;
SELECT plan(12);

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

-- The prefix is reserved: a misspelt setting is an error, not a silent placeholder.
SELECT throws_ok($$SET LOCAL estate.underused_rat = 0.3$$, '42602', NULL, 'unknown estate.* setting is rejected');
SELECT throws_ok($$SELECT set_config('estate.no_such_setting', '1', true)$$, '42602', NULL, 'set_config of an unknown estate.* setting is rejected');

SELECT * FROM finish();
ROLLBACK;
