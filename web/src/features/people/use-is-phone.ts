import { useMediaQuery } from "@mantine/hooks";

/** Below Mantine's `sm` breakpoint lists turn from tables into stacked cards. */
export function useIsPhone(): boolean {
  return useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
}
