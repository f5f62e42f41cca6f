import { homeEndpoints } from "@otmetka/core/contracts/home.ts";
import { useQuery } from "@tanstack/react-query";
import { call } from "../../lib/api.ts";

/** Query keys of the home page; "people" queries (e.g. my teaching) keep their own keys. */
export const homeKeys = {
  setup: ["home", "setup"] as const,
  classSizes: ["home", "classSizes"] as const,
  children: ["home", "children"] as const,
  student: ["home", "student"] as const,
};

export function useSchoolSetup() {
  return useQuery({ queryKey: homeKeys.setup, queryFn: ({ signal }) => call(homeEndpoints.setup, { signal }) });
}

export function useClassSizes(enabled = true) {
  return useQuery({ queryKey: homeKeys.classSizes, queryFn: ({ signal }) => call(homeEndpoints.classSizes, { signal }), enabled });
}

export function useMyChildren() {
  return useQuery({ queryKey: homeKeys.children, queryFn: ({ signal }) => call(homeEndpoints.myChildren, { signal }) });
}

export function useMyStudentProfile() {
  return useQuery({ queryKey: homeKeys.student, queryFn: ({ signal }) => call(homeEndpoints.myStudent, { signal }) });
}
