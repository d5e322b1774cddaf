-- Core hours as a user reads them: canonical output, elapsed hours across the
-- London clock changes, and the messages for bad input.
SET timezone = 'Europe/London';

SELECT s AS "written", s::estate.core_hours AS "canonical"
FROM unnest(ARRAY[
    'Mon-Fri 08:00-18:00',
    'sat 09:00-13:00; Tue 19:00-21:00, mon-fri 8:00-18:00 europe/london',
    'Mon,Wed,Fri 09:00-17:00 UTC',
    'Fri 20:00-24:00, Sat 00:00-08:00',
    'Mon-Sun 20:00-08:00 America/New_York',
    'Sat-Sun 00:00-24:00, Mon 00:00-24:00']) AS s;

SELECT d AS "day", core, estate.available_hours(tstzrange(d, d + 1), core::estate.core_hours) AS hours
FROM unnest(ARRAY[date '2024-03-31', date '2024-10-27']) AS d,
     unnest(ARRAY['Mon-Sun 00:00-03:00', 'Mon-Sun 08:00-18:00', 'Mon-Sun 00:00-24:00', 'Mon-Sun 22:00-06:00']) AS core
ORDER BY d, core;

\set VERBOSITY default
SELECT 'Mon-Fri 08:00-18:00 BST'::estate.core_hours;
SELECT 'Mon-Fri 08:00-18:00 EST5EDT'::estate.core_hours;
SELECT 'Fri-Mon 08:00-18:00'::estate.core_hours;
SELECT 'Mon 08:00-08:00'::estate.core_hours;
SELECT 'Monday 08:00-18:00'::estate.core_hours;
SELECT 'Mon 08:00-18:00 Europe/London, Tue 09:00-10:00'::estate.core_hours;
SELECT estate.available_hours('[2024-01-01,)', 'Mon-Fri 08:00-18:00');
