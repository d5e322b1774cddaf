-- Worked examples of docs/space_utilisation.md, run as a pg_regress test.
SET timezone = 'Europe/London';

-- 1. From a bookings table.
CREATE TABLE rooms (site text, room text, capacity integer);
INSERT INTO rooms VALUES
    ('St Elsewhere General', 'Seminar 1',     20),
    ('St Elsewhere General', 'Seminar 2',     12),
    ('St Elsewhere General', 'Boardroom',     16),
    ('St Elsewhere General', 'Training Lab',  24),
    ('Riverside Community',  'Clinic Room A',  4),
    ('Riverside Community',  'Group Room',    15),
    ('Riverside Community',  'Quiet Room',     6);

CREATE TABLE bookings (room text, period tstzrange, attendees integer);
INSERT INTO bookings VALUES
    ('Seminar 1',    '[2025-01-13 09:00, 2025-01-13 12:00)', 18),
    ('Seminar 1',    '[2025-01-13 13:00, 2025-01-13 17:00)', 15),
    ('Seminar 1',    '[2025-01-14 09:00, 2025-01-14 17:00)', 20),
    ('Seminar 1',    '[2025-01-15 09:00, 2025-01-15 12:00)', 12),
    ('Seminar 1',    '[2025-01-16 10:00, 2025-01-16 16:00)', 16),
    ('Seminar 1',    '[2025-01-17 09:00, 2025-01-17 11:00)', NULL),  -- attendance not recorded
    ('Seminar 2',    '[2025-01-14 14:00, 2025-01-14 15:00)', 3),
    ('Seminar 2',    '[2025-01-16 14:00, 2025-01-16 15:00)', 2),
    ('Boardroom',    '[2025-01-13 10:00, 2025-01-13 12:00)', 14),
    ('Boardroom',    '[2025-01-13 11:00, 2025-01-13 13:00)', 6),     -- double-booked hour
    ('Boardroom',    '[2025-01-15 16:00, 2025-01-15 19:00)', 10),    -- runs past 18:00
    ('Training Lab', '[2025-01-13 08:00, 2025-01-17 18:00)', 30),    -- a week-long course, over capacity
    ('Clinic Room A','[2025-01-13 08:30, 2025-01-13 12:30)', 2),
    ('Clinic Room A','[2025-01-15 08:30, 2025-01-15 12:30)', 2),
    ('Clinic Room A','[2025-01-17 08:30, 2025-01-17 12:30)', 2);

-- One row per room, including the Group Room and Quiet Room, which have no bookings.
SELECT r.site, r.room, r.capacity, (u).*
FROM (SELECT r.site, r.room, r.capacity,
             estate.space_utilisation(b.period, b.attendees, r.capacity,
                                      'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)') AS u
      FROM rooms r LEFT JOIN bookings b USING (room)
      GROUP BY r.site, r.room, r.capacity) r
ORDER BY r.site, r.room;

-- 2. From occupancy-sensor readings: a people counter in the Group Room
-- reports a headcount for every 15-minute interval, zero when empty.
CREATE TABLE readings (room text, interval_start timestamptz, headcount integer);
INSERT INTO readings
SELECT 'Group Room', t,
       CASE WHEN extract(isodow FROM t) IN (2, 4) AND t::time >= '10:00' AND t::time < '12:00' THEN 9
            WHEN extract(isodow FROM t) = 3 AND t::time >= '14:00' AND t::time < '15:30' THEN 4
            ELSE 0 END
FROM generate_series(timestamptz '2025-01-13 07:00', '2025-01-17 19:45', interval '15 minutes') AS t
WHERE t::time BETWEEN '07:00' AND '19:45';

SELECT room,
       count(*) AS readings,
       count(*) FILTER (WHERE headcount = 0) AS empty_readings,
       (estate.space_utilisation(tstzrange(interval_start, interval_start + interval '15 minutes'),
                                 headcount, 15, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)')).*
FROM readings GROUP BY room;

-- When is the Group Room used?  Non-empty cells of the heatmap.
SELECT h.weekday_name, h.hour, round(h.rate::numeric, 3) AS rate
FROM (SELECT estate.utilisation_heatmap(tstzrange(interval_start, interval_start + interval '15 minutes'),
                                         headcount, 15, 'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)') AS hm
      FROM readings) s,
     estate.heatmap_rows(s.hm) AS h
WHERE h.rate > 0
ORDER BY h.weekday, h.hour;

-- 3. A site-level league table of under-used rooms: bookings and sensor
-- readings together, worst rate first, with the status of each room.
CREATE VIEW room_use AS
SELECT room, period, attendees AS headcount FROM bookings
UNION ALL
SELECT room, tstzrange(interval_start, interval_start + interval '15 minutes'), headcount FROM readings;

WITH per_room AS (
    SELECT r.site, r.room,
           estate.space_utilisation(u.period, u.headcount, r.capacity,
                                    'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)') AS u
    FROM rooms r LEFT JOIN room_use u USING (room)
    GROUP BY r.site, r.room
)
SELECT site,
       rank() OVER (PARTITION BY site ORDER BY (u).rate, room) AS rank,
       room,
       round((u).frequency::numeric, 2) AS frequency,
       round((u).occupancy::numeric, 2) AS occupancy,
       round((u).rate::numeric, 3) AS rate,
       estate.room_status(u) AS status
FROM per_room
ORDER BY site, rank;

SELECT site,
       count(*) AS rooms,
       count(*) FILTER (WHERE estate.room_status(u) IN ('unused', 'under-used')) AS under_used_or_unused,
       round(avg((u).rate)::numeric, 3) AS mean_rate
FROM (SELECT r.site, r.room,
             estate.space_utilisation(u.period, u.headcount, r.capacity,
                                      'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)') AS u
      FROM rooms r LEFT JOIN room_use u USING (room)
      GROUP BY r.site, r.room) s
GROUP BY site
ORDER BY under_used_or_unused DESC, site;

DROP VIEW room_use;
DROP TABLE rooms, bookings, readings;
