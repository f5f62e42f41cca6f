import { peopleEndpoints } from "@otmetka/core/contracts/people.ts";
import { staffEndpoints } from "@otmetka/core/contracts/staff.ts";
import { structureEndpoints } from "@otmetka/core/contracts/structure.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "../../lib/api.ts";

/** Query keys of the people pages; a change invalidates the lot ("people" prefix). */
export const peopleKeys = {
  all: ["people"] as const,
  staff: (includeArchived: boolean) => ["people", "staff", includeArchived] as const,
  teachers: ["people", "staff", "teachers"] as const,
  students: (filter: object) => ["people", "students", filter] as const,
  student: (id: string) => ["people", "student", id] as const,
  roster: (classId: string, date: string) => ["people", "roster", classId, date] as const,
  assignments: (filter: object) => ["people", "assignments", filter] as const,
  myTeaching: ["people", "myTeaching"] as const,
  classes: ["people", "classes"] as const,
  subjects: ["people", "subjects"] as const,
};

/** After any change: refetch every people query (lists are small; correctness first). */
export function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: peopleKeys.all });
}

/** Active classes of the school, with their subgroups (from the structure feature). */
export function useClasses(enabled = true) {
  return useQuery({
    queryKey: peopleKeys.classes,
    queryFn: () => call(structureEndpoints.listClasses, { query: {} }),
    select: (data) => data.items.filter((c) => !c.archived),
    enabled,
  });
}

export function useSubjects() {
  return useQuery({
    queryKey: peopleKeys.subjects,
    queryFn: () => call(structureEndpoints.listSubjects, { query: {} }),
    select: (data) => data.items.filter((s) => !s.archived),
  });
}

export function useTeachers() {
  return useQuery({
    queryKey: peopleKeys.teachers,
    queryFn: () => call(staffEndpoints.listStaff, { query: { role: "teacher" } }),
    select: (data) => data.items,
  });
}

export function useMyTeaching(enabled = true) {
  return useQuery({ queryKey: peopleKeys.myTeaching, queryFn: () => call(staffEndpoints.myTeaching), enabled });
}

export function useStudent(id: string) {
  return useQuery({ queryKey: peopleKeys.student(id), queryFn: () => call(peopleEndpoints.getStudent, { params: { studentId: id } }) });
}
