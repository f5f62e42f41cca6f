/** A short "browser on system" name for a session's User-Agent string; null when unrecognised. */
export function describeUserAgent(ua: string): { browser: string; os: string } | null {
  const browser = ua.includes("YaBrowser/")
    ? "Яндекс Браузер"
    : ua.includes("Edg/")
      ? "Edge"
      : ua.includes("OPR/")
        ? "Opera"
        : ua.includes("Firefox/")
          ? "Firefox"
          : ua.includes("Chrome/") || ua.includes("Chromium/")
            ? "Chrome"
            : ua.includes("Safari/")
              ? "Safari"
              : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  return browser && os ? { browser, os } : null;
}
