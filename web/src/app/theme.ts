import { type CSSVariablesResolver, createTheme, localStorageColorSchemeManager } from "@mantine/core";

/**
 * Mantine's defaults with the shades moved so text and controls meet WCAG 2.1 AA in both
 * schemes (ratios against the page background, measured): filled buttons white on blue.8
 * (5.0:1), links blue.8 on white (5.0:1) and blue.4 on dark.7 (6.3:1), muted text gray.7
 * (8.2:1) and dark.1 (7.8:1), errors red.9 (5.5:1) and red.4 (6.7:1), input borders ≥ 3:1.
 */
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  respectReducedMotion: true,
  focusRing: "auto",
  defaultRadius: "md",
  cursorType: "pointer",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif",
  // Smaller top levels than Mantine's (34/26 px): a 360 px phone fits a greeting with a full name.
  headings: {
    fontWeight: "700",
    sizes: {
      h1: { fontSize: "1.75rem", lineHeight: "1.25" },
      h2: { fontSize: "1.5rem", lineHeight: "1.3" },
    },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    "--mantine-color-success": "var(--mantine-color-teal-9)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
    "--mantine-color-anchor": "var(--mantine-color-blue-8)",
    "--otmetka-focus": "var(--mantine-color-blue-8)",
    "--otmetka-input-border": "var(--mantine-color-gray-6)",
  },
  dark: {
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    "--mantine-color-error": "var(--mantine-color-red-4)",
    "--mantine-color-success": "var(--mantine-color-teal-4)",
    "--mantine-color-placeholder": "var(--mantine-color-dark-2)",
    "--mantine-color-anchor": "var(--mantine-color-blue-4)",
    "--otmetka-focus": "var(--mantine-color-blue-4)",
    "--otmetka-input-border": "var(--mantine-color-dark-2)",
  },
});

/** Light, dark or "auto" (the system's), kept on this device. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: "otmetka.color-scheme" });
