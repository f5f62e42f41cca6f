import { schoolEndpoints } from "@otmetka/core/contracts/school.ts";
import { useQuery } from "@tanstack/react-query";
import { call } from "../../lib/api.ts";

export const schoolKeys = {
  all: ["school"] as const,
  profile: ["school", "profile"] as const,
  settings: ["school", "settings"] as const,
  history: ["school", "settings", "history"] as const,
};

export function useSchoolProfile() {
  return useQuery({ queryKey: schoolKeys.profile, queryFn: () => call(schoolEndpoints.getProfile) });
}

export function useSchoolSettings() {
  // Never refetched behind the admin's back: the form edits this version, and saving names it.
  return useQuery({
    queryKey: schoolKeys.settings,
    queryFn: () => call(schoolEndpoints.getSettings),
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSettingsHistory() {
  return useQuery({ queryKey: schoolKeys.history, queryFn: () => call(schoolEndpoints.settingsHistory) });
}

/** Time zones of Russia, west to east: offered first in the picker. */
export const RUSSIAN_TIME_ZONES = [
  "Europe/Kaliningrad",
  "Europe/Moscow",
  "Europe/Volgograd",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Omsk",
  "Asia/Novosibirsk",
  "Asia/Barnaul",
  "Asia/Tomsk",
  "Asia/Novokuznetsk",
  "Asia/Krasnoyarsk",
  "Asia/Irkutsk",
  "Asia/Chita",
  "Asia/Yakutsk",
  "Asia/Vladivostok",
  "Asia/Sakhalin",
  "Asia/Magadan",
  "Asia/Srednekolymsk",
  "Asia/Kamchatka",
  "Asia/Anadyr",
];

/** «UTC+3» for a zone, as of today. */
export function utcOffset(timeZone: string): string {
  try {
    const part = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "shortOffset" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName");
    return (part?.value ?? "GMT").replace("GMT", "UTC");
  } catch {
    return "";
  }
}

/** Options for the time zone picker: Russia's zones first, then every other zone the browser knows. */
export function timeZoneOptions(current: string, groups: { russia: string; other: string }) {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const russia = RUSSIAN_TIME_ZONES.filter((z) => all.length === 0 || all.includes(z) || z === current);
  const other = all.filter((z) => !RUSSIAN_TIME_ZONES.includes(z));
  if (current && !russia.includes(current) && !other.includes(current)) other.unshift(current);
  const option = (z: string) => ({ value: z, label: `${z.replace(/_/g, " ")} (${utcOffset(z)})` });
  return [
    { group: groups.russia, items: russia.map(option) },
    { group: groups.other, items: other.map(option) },
  ];
}
