import i18next, { type ParseKeys, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import ru from "../locales/ru.json";
import { ApiError } from "./api.ts";

/** Interface languages, Russian first (the default). */
export const LANGUAGES = ["ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "otmetka.language";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof ru };
  }
}

/** Any key of the Russian catalogue (plural suffixes stripped): a typo does not compile. */
export type TranslationKey = ParseKeys<"translation">;

// Both catalogues must hold the same keys (plural forms aside: Russian has more of them).
type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";
type BaseKey<K extends string> = K extends `${infer B}_${PluralSuffix}` ? B : K;
type FlatKeys<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${BaseKey<K>}` : FlatKeys<T[K], `${P}${K}.`>;
}[keyof T & string];
type En = typeof import("../locales/en.json");
type MissingInEn = Exclude<FlatKeys<typeof ru>, FlatKeys<En>>;
type MissingInRu = Exclude<FlatKeys<En>, FlatKeys<typeof ru>>;
const catalogueKeysMatch: [MissingInEn | MissingInRu] extends [never] ? true : MissingInEn | MissingInRu = true;
void catalogueKeysMatch;

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

function storedLanguage(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** True once the user picked a language on this device; then it wins over their account setting. */
export function hasChosenLanguage(): boolean {
  return storedLanguage() !== undefined;
}

export const i18n = i18next;

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

/** Russian ships in the main bundle; other catalogues load when chosen. */
const CATALOGUES: Record<Exclude<Language, "ru">, () => Promise<object>> = {
  en: () => import("../locales/en.json").then((module) => module.default),
};

async function loadCatalogue(language: Language): Promise<void> {
  if (language === "ru" || i18n.hasResourceBundle(language, "translation")) return;
  i18n.addResourceBundle(language, "translation", await CATALOGUES[language]());
}

/** Call once before the first render: the stored language's catalogue is ready when React starts. */
export async function initI18n(): Promise<void> {
  const language = storedLanguage() ?? "ru";
  await i18n.use(initReactI18next).init({
    resources: { ru: { translation: ru } },
    partialBundledLanguages: true,
    lng: "ru",
    fallbackLng: "ru",
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (language !== "ru") await setLanguage(language, { remember: false }).catch(() => undefined);
}

/** Switches the interface language; `remember` keeps the choice on this device. */
export async function setLanguage(language: Language, { remember = true } = {}): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }
  await loadCatalogue(language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "ru";
}

/** "через 15 минут" / "in 40 seconds": minutes once the wait is longer than a minute and a half. */
export function formatWait(t: TFunction, seconds: number): string {
  return seconds > 90 ? t("time.minutes", { count: Math.ceil(seconds / 60) }) : t("time.seconds", { count: Math.ceil(seconds) });
}

/**
 * The localised message for any error: API errors by code (with the wait for `locked` and
 * `rate_limited`, and the request id for server faults), anything else as an internal error.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.internal");
  const wait = error.retryAfterSeconds;
  if (wait !== undefined && (error.code === "locked" || error.code === "rate_limited")) {
    return t(`errorRetry.${error.code}`, { wait: formatWait(t, wait) });
  }
  const message = t(`error.${error.code}`);
  if (error.code === "internal" && error.requestId) return `${message} ${t("error.requestId", { requestId: error.requestId })}`;
  return message;
}
