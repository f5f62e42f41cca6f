-- Timetable: what the generator and the changes of dated lessons (замены) need beyond 0004.

-- A moved working day (перенос) follows the timetable of another weekday, e.g. a Saturday that
-- works as Monday. 1 = Monday … 6 = Saturday; null: the day follows its own weekday.
alter table holidays add column follows_weekday smallint check (follows_weekday between 1 and 6);
alter table holidays add constraint holidays_follows_working_day check (follows_weekday is null or kind = 'working_day');

-- Why a lesson was cancelled, shown to everyone who sees the lesson.
alter table lessons add column cancel_reason text not null default '';
-- The room was changed for this one lesson: regenerating from the timetable keeps it.
alter table lessons add column room_changed boolean not null default false;

-- Conflict checks look up a weekday × lesson number across the school (teachers and rooms).
create index timetable_entries_slot_idx on timetable_entries (school_id, weekday, lesson_number) where archived_at is null;
-- The substitutions page and conflict checks of dated lessons read one day of the school.
create index lessons_date_idx on lessons (school_id, date, lesson_number);
