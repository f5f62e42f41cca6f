-- School structure: subgroup names are unique among a class's active subgroups (as subject names
-- are among active subjects), and the lookups the structure pages make by year and by class.
create unique index class_groups_name_key on class_groups (school_id, class_id, lower(name)) where archived_at is null;
create index class_groups_class_idx on class_groups (school_id, class_id);
create index periods_year_idx on periods (school_id, academic_year_id);
create index holidays_year_idx on holidays (school_id, academic_year_id);
