-- People: staff, students, enrolments, guardianships, teaching assignments (tables in 0001).

-- A teacher teaches a subject to a class, or to one subgroup of it, once at a time. The nil UUID
-- stands for "the whole class" so that two whole-class assignments collide too.
create unique index teaching_assignments_active_key on teaching_assignments
  (school_id, teacher_id, class_id, coalesce(group_id, '00000000-0000-0000-0000-000000000000'::uuid), subject_id)
  where archived_at is null;
create index teaching_assignments_class_idx on teaching_assignments (school_id, class_id);

-- A student card lists the student's guardians.
create index guardianships_person_idx on guardianships (school_id, person_id);

-- The students list is searched and sorted by name.
create index people_name_idx on people (school_id, lower(last_name), lower(first_name));
