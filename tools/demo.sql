-- The estate demo: what the extension computes, on a small condition survey.
-- Run by tools/demo against a throwaway cluster.
\pset footer off
CREATE EXTENSION estate;

\echo
\echo '== A condition survey: one row per building element, graded A to DX,'
\echo '== with the consequence of its failure (1 insignificant .. 5 catastrophic).'
CREATE TABLE survey (
    site        text,
    element     text,
    grade       estate.condition_grade,
    consequence integer,
    cost_gbp    numeric(12, 2)
);
INSERT INTO survey VALUES
    ('St Elsewhere General', 'Main switchboard (LV)',        'DX',   5, 420000.00),
    ('St Elsewhere General', 'Theatre ventilation AHU 3',    'd',    5, 310000.00),
    ('St Elsewhere General', 'Fire alarm panel, block B',    'C',    4,  65000.00),
    ('St Elsewhere General', 'Roof covering, ward block',    'cx',   3, 240000.00),
    ('St Elsewhere General', 'Passenger lift 2',             'B(C)', 4,  95000.00),
    ('St Elsewhere General', 'Car park lighting',            'C',    1,  18000.00),
    ('Riverside Community',  'Boiler plant',                 'D',    4, 185000.00),
    ('Riverside Community',  'Windows, east elevation',      'C',    2,  42000.00),
    ('Riverside Community',  'Nurse call system',            'B',    4,      0.00),
    ('Riverside Community',  'Internal decorations',         'c',    1,  12500.00),
    ('Hillside Health Centre', 'Domestic hot water calorifier', 'C', 4,  28000.00),
    ('Hillside Health Centre', 'Flat roof over clinic',      'A',    3,      0.00);

\echo
\echo '== Each element: grade (canonical), likelihood of failure, risk band.'
\echo '== Grades A, B and B(C) carry no condition backlog, so no band.'
SELECT site, element, grade,
       estate.failure_likelihood(grade)            AS likelihood,
       consequence,
       estate.backlog_risk(grade, consequence)     AS risk_band,
       cost_gbp
FROM survey
ORDER BY estate.backlog_risk(grade, consequence) DESC NULLS LAST, cost_gbp DESC;

\echo
\echo '== Per site: worst grade, elements needing backlog, and cost by risk band.'
SELECT site,
       estate.max(grade)                                               AS worst_grade,
       count(*) FILTER (WHERE estate.needs_backlog(grade))             AS elements_in_backlog,
       sum(cost_gbp) FILTER (WHERE estate.backlog_risk(grade, consequence) OPERATOR(estate.=) 'high')        AS high_gbp,
       sum(cost_gbp) FILTER (WHERE estate.backlog_risk(grade, consequence) OPERATOR(estate.=) 'significant') AS significant_gbp,
       sum(cost_gbp) FILTER (WHERE estate.backlog_risk(grade, consequence) OPERATOR(estate.=) 'moderate')    AS moderate_gbp,
       sum(cost_gbp) FILTER (WHERE estate.backlog_risk(grade, consequence) OPERATOR(estate.=) 'low')         AS low_gbp
FROM survey
GROUP BY site
ORDER BY estate.max(grade) DESC, site;

\echo
\echo '== The NHS 5x5 risk matrix (likelihood down, consequence across).'
SELECT l AS likelihood,
       string_agg(estate.risk_band(l, c)::text, ' | ' ORDER BY c) AS "consequence 1 .. 5"
FROM generate_series(1, 5) AS l, generate_series(1, 5) AS c
GROUP BY l ORDER BY l DESC;

\echo
\echo '== Bad input is an error that names the value:'
\set ON_ERROR_STOP 0
SELECT 'E'::estate.condition_grade;
SELECT estate.risk_band(6, 3);

\echo
\echo '== Backlog by risk band per site, exact to the penny (grades C to DX only),'
\echo '== then rolled up to the trust with sum(), and its critical infrastructure risk.'
CREATE TABLE site_backlog AS
SELECT site,
       estate.backlog_agg(estate.backlog_risk(grade, consequence), cost_gbp)
           FILTER (WHERE estate.needs_backlog(grade)) AS backlog
FROM survey
GROUP BY site;
SELECT site, backlog FROM site_backlog ORDER BY site;
SELECT estate.sum(backlog)                                               AS trust_backlog,
       estate.critical_infrastructure_risk(estate.sum(backlog))::numeric(14, 2) AS critical_infrastructure_risk_gbp
FROM site_backlog;

\set ON_ERROR_STOP 1
\echo
\echo '== Space utilisation: a week of room bookings, core hours Mon-Fri 08:00-18:00'
\echo '== (Europe/London).  Rate = frequency x occupancy; the Quiet Room has no bookings.'
SET timezone = 'Europe/London';
CREATE TABLE rooms (room text, capacity integer);
INSERT INTO rooms VALUES ('Seminar 1', 20), ('Boardroom', 16), ('Training Lab', 24), ('Quiet Room', 6);
CREATE TABLE bookings (room text, period tstzrange, attendees integer);
INSERT INTO bookings VALUES
    ('Seminar 1',    '[2025-01-13 09:00, 2025-01-13 17:00)', 18),
    ('Seminar 1',    '[2025-01-15 09:00, 2025-01-15 12:00)', 12),
    ('Seminar 1',    '[2025-01-17 09:00, 2025-01-17 11:00)', NULL),  -- attendance not recorded
    ('Boardroom',    '[2025-01-13 10:00, 2025-01-13 12:00)', 14),
    ('Boardroom',    '[2025-01-13 11:00, 2025-01-13 13:00)', 6),     -- double-booked hour
    ('Training Lab', '[2025-01-13 08:00, 2025-01-17 18:00)', 30);    -- over capacity

SELECT rank() OVER (ORDER BY (u).rate, room) AS rank, room,
       round((u).frequency::numeric, 2) AS frequency,
       round((u).occupancy::numeric, 2) AS occupancy,
       round((u).rate::numeric, 3) AS rate,
       estate.room_status(u) AS status
FROM (SELECT r.room,
             estate.space_utilisation(b.period, b.attendees, r.capacity,
                                      'Mon-Fri 08:00-18:00', '[2025-01-13, 2025-01-18)') AS u
      FROM rooms r LEFT JOIN bookings b USING (room)
      GROUP BY r.room) AS per_room
ORDER BY rank;
