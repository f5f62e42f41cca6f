-- Otmetka foundation: schools, people and accounts, the school's year structure, and the audit log.
-- Every table that holds a school's data has school_id as the first column of its primary key;
-- references between tenant tables include school_id, so a row can never point into another school.

create table schools (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  short_name text not null,
  inn text not null,
  kpp text not null,
  ogrn text not null,
  oktmo text not null,
  address text not null default '',
  time_zone text not null default 'Europe/Moscow',
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  unique (inn, kpp)
);

-- Settings are versioned: the rules in force when a mark was computed stay reproducible.
create table school_settings (
  school_id uuid not null references schools (id),
  version integer not null,
  settings jsonb not null,
  created_at timestamptz not null default now(),
  created_by uuid,
  primary key (school_id, version)
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text,
  phone text,
  password_hash text,
  last_name text not null,
  first_name text not null,
  middle_name text not null default '',
  birth_date date,
  locale text not null default 'ru' check (locale in ('ru', 'en')),
  status text not null default 'active' check (status in ('pending', 'active', 'disabled')),
  email_verified_at timestamptz,
  phone_verified_at timestamptz,
  totp_secret text,
  mfa_enabled boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz not null default now(),
  check (email is not null or phone is not null)
);
create unique index users_email_key on users (lower(email)) where email is not null;
create unique index users_phone_key on users (phone) where phone is not null;

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id),
  school_id uuid references schools (id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text not null default '',
  user_agent text not null default '',
  mfa_pending boolean not null default false,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id) where revoked_at is null;

-- One-time codes: e-mail/phone confirmation, password reset, second factor. Stored hashed.
create table one_time_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references users (id),
  purpose text not null check (purpose in ('confirm_email', 'confirm_phone', 'reset_password', 'mfa')),
  channel text not null check (channel in ('email', 'sms')),
  destination text not null,
  code_hash text not null,
  attempts integer not null default 0,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index one_time_codes_user_idx on one_time_codes (user_id, purpose) where used_at is null;

create table recovery_codes (
  user_id uuid not null references users (id),
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

create table memberships (
  school_id uuid not null references schools (id),
  user_id uuid not null references users (id),
  role text not null check (role in ('admin', 'teacher', 'parent', 'student')),
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (school_id, user_id, role)
);
create index memberships_user_idx on memberships (user_id);

-- A student as a person (ФИО, birth date, СНИЛС, document), kept apart from any login account.
create table people (
  school_id uuid not null references schools (id),
  id uuid not null default gen_random_uuid(),
  last_name text not null,
  first_name text not null,
  middle_name text not null default '',
  birth_date date not null,
  gender text check (gender in ('m', 'f')),
  snils text,
  document_type text check (document_type in ('RF_BRTH_CERT', 'FID_BRTH_CERT', 'RF_PASSPORT')),
  document_series text,
  document_number text,
  user_id uuid references users (id),
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (school_id, id)
);
create unique index people_snils_key on people (school_id, snils) where snils is not null and archived_at is null;
create unique index people_user_key on people (school_id, user_id) where user_id is not null;

create table guardianships (
  school_id uuid not null,
  parent_user_id uuid not null references users (id),
  person_id uuid not null,
  relation text not null default 'parent' check (relation in ('mother', 'father', 'parent', 'guardian')),
  confirmed_by uuid references users (id),
  confirmed_at timestamptz,
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (school_id, parent_user_id, person_id),
  foreign key (school_id, person_id) references people (school_id, id)
);
create index guardianships_parent_idx on guardianships (parent_user_id);

create table academic_years (
  school_id uuid not null references schools (id),
  id uuid not null default gen_random_uuid(),
  name text not null,
  starts_on date not null,
  ends_on date not null,
  archived_at timestamptz,
  primary key (school_id, id),
  unique (school_id, name),
  check (starts_on < ends_on)
);

create table periods (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  academic_year_id uuid not null,
  kind text not null check (kind in ('quarter', 'trimester', 'half_year', 'custom')),
  number smallint not null check (number between 1 and 12),
  name text not null,
  starts_on date not null,
  ends_on date not null,
  grade_from smallint not null default 1 check (grade_from between 1 and 11),
  grade_to smallint not null default 11 check (grade_to between 1 and 11),
  archived_at timestamptz,
  primary key (school_id, id),
  foreign key (school_id, academic_year_id) references academic_years (school_id, id),
  check (starts_on <= ends_on),
  check (grade_from <= grade_to)
);

-- Holidays and moved working days (перенос рабочих дней).
create table holidays (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  academic_year_id uuid not null,
  kind text not null default 'holiday' check (kind in ('holiday', 'working_day')),
  name text not null,
  starts_on date not null,
  ends_on date not null,
  grade_from smallint not null default 1,
  grade_to smallint not null default 11,
  primary key (school_id, id),
  foreign key (school_id, academic_year_id) references academic_years (school_id, id),
  check (starts_on <= ends_on)
);

create table subjects (
  school_id uuid not null references schools (id),
  id uuid not null default gen_random_uuid(),
  name text not null,
  short_name text not null,
  archived_at timestamptz,
  primary key (school_id, id)
);
create unique index subjects_name_key on subjects (school_id, lower(name)) where archived_at is null;

create table classes (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  academic_year_id uuid not null,
  grade smallint not null check (grade between 1 and 11),
  letter text not null,
  shift smallint not null default 1 check (shift between 1 and 3),
  class_teacher_id uuid references users (id),
  archived_at timestamptz,
  primary key (school_id, id),
  foreign key (school_id, academic_year_id) references academic_years (school_id, id)
);
create unique index classes_name_key on classes (school_id, academic_year_id, grade, letter) where archived_at is null;

-- Subgroups of a class (e.g. two English groups).
create table class_groups (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  class_id uuid not null,
  name text not null,
  archived_at timestamptz,
  primary key (school_id, id),
  foreign key (school_id, class_id) references classes (school_id, id)
);

create table enrolments (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  person_id uuid not null,
  class_id uuid not null,
  group_id uuid,
  starts_on date not null,
  ends_on date,
  primary key (school_id, id),
  foreign key (school_id, person_id) references people (school_id, id),
  foreign key (school_id, class_id) references classes (school_id, id),
  foreign key (school_id, group_id) references class_groups (school_id, id),
  check (ends_on is null or starts_on <= ends_on)
);
create index enrolments_class_idx on enrolments (school_id, class_id);
create index enrolments_person_idx on enrolments (school_id, person_id);

create table teaching_assignments (
  school_id uuid not null,
  id uuid not null default gen_random_uuid(),
  teacher_id uuid not null references users (id),
  class_id uuid not null,
  group_id uuid,
  subject_id uuid not null,
  archived_at timestamptz,
  primary key (school_id, id),
  foreign key (school_id, class_id) references classes (school_id, id),
  foreign key (school_id, group_id) references class_groups (school_id, id),
  foreign key (school_id, subject_id) references subjects (school_id, id)
);
create index teaching_assignments_teacher_idx on teaching_assignments (school_id, teacher_id);

-- The audit log and event history in one table. A hash chain per school (seq, prev_hash, hash)
-- makes any later edit or deletion of a row detectable. Platform-level events (accounts that
-- belong to no school yet) use the nil UUID as their chain.
create table events (
  school_id uuid not null,
  seq bigint not null,
  id uuid not null default gen_random_uuid(),
  occurred_at timestamptz not null,
  actor_user_id uuid,
  entity text not null,
  entity_id text not null,
  action text not null,
  before jsonb,
  after jsonb,
  reason text,
  request_id text,
  prev_hash text not null,
  hash text not null,
  primary key (school_id, seq)
);
create index events_entity_idx on events (school_id, entity, entity_id);
create index events_time_idx on events (school_id, occurred_at);
