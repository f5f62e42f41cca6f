-- The timetable and the class journal: bell times, the weekly timetable, dated lessons, journal
-- cells (marks and attendance), period and year marks, thematic plans (КТП), homework and files.
-- As everywhere, school_id leads every key and every reference between tenant tables.

-- Bell schedule (расписание звонков) per shift: lesson number → start and end time.
create table bell_times (
  school_id uuid not null,
  academic_year_id uuid not null,
  shift smallint not null check (shift between 1 and 3),
  lesson_number smallint not null check (lesson_number between 0 and 10),
  starts_at time not null,
  ends_at time not null,
  primary key (school_id, academic_year_id, shift, lesson_number),
  foreign key (school_id, academic_year_id) references academic_years (school_id, id),
  check (starts_at < ends_at)
);

-- The weekly timetable: day of week × lesson number → subject, teacher, room, for a class or one
-- of its subgroups, valid between two dates.
create table timetable_entries (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  academic_year_id uuid not null,
  class_id uuid not null,
  group_id uuid,
  subject_id uuid not null,
  teacher_id uuid not null references users (id),
  weekday smallint not null check (weekday between 1 and 7),
  lesson_number smallint not null check (lesson_number between 0 and 10),
  room text not null default '',
  valid_from date not null,
  valid_to date not null,
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (school_id, id),
  foreign key (school_id, academic_year_id) references academic_years (school_id, id),
  foreign key (school_id, class_id) references classes (school_id, id),
  foreign key (school_id, group_id) references class_groups (school_id, id),
  foreign key (school_id, subject_id) references subjects (school_id, id),
  check (valid_from <= valid_to)
);
create index timetable_entries_class_idx on timetable_entries (school_id, class_id, weekday, lesson_number);
create index timetable_entries_teacher_idx on timetable_entries (school_id, teacher_id, weekday, lesson_number);

-- A thematic plan (КТП) of a teacher for a subject, and its numbered rows.
create table lesson_plans (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  teacher_id uuid not null references users (id),
  subject_id uuid not null,
  class_id uuid,
  name text not null,
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (school_id, id),
  foreign key (school_id, subject_id) references subjects (school_id, id),
  foreign key (school_id, class_id) references classes (school_id, id)
);
create index lesson_plans_teacher_idx on lesson_plans (school_id, teacher_id);

create table lesson_plan_items (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  plan_id uuid not null,
  number smallint not null check (number between 1 and 999),
  topic text not null,
  hours smallint not null default 1,
  control_hours smallint not null default 0,
  practical_hours smallint not null default 0,
  planned_on date,
  resources text not null default '',
  primary key (school_id, id),
  unique (school_id, plan_id, number),
  foreign key (school_id, plan_id) references lesson_plans (school_id, id) on delete cascade
);

-- A dated lesson: generated from a timetable entry for each study day, or added once (extra).
-- teacher_id is the teacher of record; a substitution names substitute_teacher_id.
create table lessons (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  academic_year_id uuid not null,
  period_id uuid not null,
  class_id uuid not null,
  group_id uuid,
  subject_id uuid not null,
  teacher_id uuid not null references users (id),
  substitute_teacher_id uuid references users (id),
  timetable_entry_id uuid,
  date date not null,
  lesson_number smallint not null check (lesson_number between 0 and 10),
  room text not null default '',
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
  is_extra boolean not null default false,
  topic text not null default '',
  plan_item_id uuid,
  -- The work type of the lesson's marks (a code of the school's settings) and an optional
  -- per-lesson weight in tenths that overrides the work type's weight.
  work_type text,
  weight_tenths smallint check (weight_tenths between 1 and 100),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (school_id, id),
  foreign key (school_id, academic_year_id) references academic_years (school_id, id),
  foreign key (school_id, period_id) references periods (school_id, id),
  foreign key (school_id, class_id) references classes (school_id, id),
  foreign key (school_id, group_id) references class_groups (school_id, id),
  foreign key (school_id, subject_id) references subjects (school_id, id),
  foreign key (school_id, timetable_entry_id) references timetable_entries (school_id, id),
  foreign key (school_id, plan_item_id) references lesson_plan_items (school_id, id) on delete set null (plan_item_id)
);
create unique index lessons_entry_date_key on lessons (school_id, timetable_entry_id, date) where timetable_entry_id is not null;
create index lessons_journal_idx on lessons (school_id, class_id, subject_id, date);
create index lessons_teacher_idx on lessons (school_id, teacher_id, date);
create index lessons_substitute_idx on lessons (school_id, substitute_teacher_id, date) where substitute_teacher_id is not null;
create index lessons_class_date_idx on lessons (school_id, class_id, date);

-- One journal cell: a student's marks (up to two, e.g. 5/4) and attendance at one lesson, with
-- a comment. The cell is the unit of optimistic versioning: a save names the version it saw.
create table journal_cells (
  school_id uuid not null,
  lesson_id uuid not null,
  student_id uuid not null,
  mark1 text check (mark1 in ('1', '2', '3', '4', '5', 'PASS', 'FAIL', 'NA', 'EXEMPT', 'DUE')),
  mark2 text check (mark2 in ('1', '2', '3', '4', '5', 'PASS', 'FAIL', 'NA', 'EXEMPT', 'DUE')),
  attendance text check (attendance in ('ABSENT_UNEXCUSED', 'ABSENT_ILLNESS', 'ABSENT_EXCUSED', 'LATE')),
  late_minutes smallint check (late_minutes between 1 and 90),
  comment text not null default '',
  version integer not null default 1,
  updated_by uuid references users (id),
  updated_at timestamptz not null default now(),
  primary key (school_id, lesson_id, student_id),
  foreign key (school_id, lesson_id) references lessons (school_id, id),
  foreign key (school_id, student_id) references people (school_id, id),
  check (mark2 is null or mark1 is not null),
  check ((attendance = 'LATE') = (late_minutes is not null))
);
create index journal_cells_student_idx on journal_cells (school_id, student_id, lesson_id);

-- The period mark (четвертная, триместровая, полугодовая): the suggestion computed from the
-- weighted average (kept as an exact fraction), and the mark the teacher set.
create table period_marks (
  school_id uuid not null,
  period_id uuid not null,
  subject_id uuid not null,
  student_id uuid not null,
  average_num bigint,
  average_den bigint,
  suggested text,
  value text check (value in ('1', '2', '3', '4', '5', 'PASS', 'FAIL', 'NA', 'EXEMPT')),
  settings_version integer not null default 0,
  set_by uuid references users (id),
  set_at timestamptz,
  version integer not null default 1,
  primary key (school_id, period_id, subject_id, student_id),
  foreign key (school_id, period_id) references periods (school_id, id),
  foreign key (school_id, subject_id) references subjects (school_id, id),
  foreign key (school_id, student_id) references people (school_id, id)
);

create table year_marks (
  school_id uuid not null,
  academic_year_id uuid not null,
  subject_id uuid not null,
  student_id uuid not null,
  suggested text,
  value text check (value in ('1', '2', '3', '4', '5', 'PASS', 'FAIL', 'NA', 'EXEMPT')),
  set_by uuid references users (id),
  set_at timestamptz,
  version integer not null default 1,
  primary key (school_id, academic_year_id, subject_id, student_id),
  foreign key (school_id, academic_year_id) references academic_years (school_id, id),
  foreign key (school_id, subject_id) references subjects (school_id, id),
  foreign key (school_id, student_id) references people (school_id, id)
);

-- An admin reopens a locked journal (class × subject) for a teacher until a time.
create table journal_unlocks (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  class_id uuid not null,
  subject_id uuid not null,
  until timestamptz not null,
  reason text not null,
  created_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  primary key (school_id, id),
  foreign key (school_id, class_id) references classes (school_id, id),
  foreign key (school_id, subject_id) references subjects (school_id, id)
);
create index journal_unlocks_journal_idx on journal_unlocks (school_id, class_id, subject_id, until);

-- Uploaded files (content in the database, size-limited; type checked by magic bytes).
create table files (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  name text not null,
  media_type text not null,
  size integer not null check (size >= 0),
  sha256 text not null,
  content bytea not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  primary key (school_id, id)
);

-- Homework given at a lesson, due at a later lesson or on a date.
create table homework (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  lesson_id uuid not null,
  class_id uuid not null,
  group_id uuid,
  subject_id uuid not null,
  text text not null,
  due_lesson_id uuid,
  due_on date not null,
  expected_minutes smallint check (expected_minutes between 1 and 300),
  created_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (school_id, id),
  foreign key (school_id, lesson_id) references lessons (school_id, id),
  foreign key (school_id, due_lesson_id) references lessons (school_id, id),
  foreign key (school_id, class_id) references classes (school_id, id),
  foreign key (school_id, subject_id) references subjects (school_id, id)
);
create index homework_lesson_idx on homework (school_id, lesson_id);
create index homework_class_due_idx on homework (school_id, class_id, due_on);

create table homework_files (
  school_id uuid not null,
  homework_id uuid not null,
  file_id uuid not null,
  primary key (school_id, homework_id, file_id),
  foreign key (school_id, homework_id) references homework (school_id, id) on delete cascade,
  foreign key (school_id, file_id) references files (school_id, id)
);

-- A student marks homework done; the teacher marks it checked, with a comment.
create table homework_status (
  school_id uuid not null,
  homework_id uuid not null,
  student_id uuid not null,
  done_at timestamptz,
  checked_at timestamptz,
  checked_by uuid references users (id),
  teacher_comment text not null default '',
  primary key (school_id, homework_id, student_id),
  foreign key (school_id, homework_id) references homework (school_id, id) on delete cascade,
  foreign key (school_id, student_id) references people (school_id, id)
);
