import type { ReactNode } from "react";

/** Tiny status and lock glyphs (Tabler's shapes, MIT), decorative: the text is in the aria-label. */
function Glyph({ children, size = 11, className }: { children: ReactNode; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={3}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function CheckGlyph(props: { size?: number; className?: string }) {
  return (
    <Glyph {...props}>
      <path d="M5 12l5 5L20 7" />
    </Glyph>
  );
}

export function RetryGlyph(props: { size?: number; className?: string }) {
  return (
    <Glyph {...props}>
      <path d="M20 11A8.1 8.1 0 0 0 4.5 9M4 5v4h4M4 13a8.1 8.1 0 0 0 15.5 2m.5 4v-4h-4" />
    </Glyph>
  );
}

export function AlertGlyph(props: { size?: number; className?: string }) {
  return (
    <Glyph {...props}>
      <path d="M12 8v5M12 17h.01" />
      <path d="M10.3 3.9 2.4 17.5A2 2 0 0 0 4.1 20.5h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
    </Glyph>
  );
}

export function LockGlyph(props: { size?: number; className?: string }) {
  return (
    <Glyph {...props}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </Glyph>
  );
}

export function DotsGlyph(props: { size?: number; className?: string }) {
  return (
    <Glyph {...props}>
      <path d="M5 12h.01M12 12h.01M19 12h.01" />
    </Glyph>
  );
}

export function PencilGlyph(props: { size?: number; className?: string }) {
  return (
    <Glyph {...props}>
      <path d="M4 20h4L18.5 9.5a2.8 2.8 0 0 0-4-4L4 16v4M13.5 6.5l4 4" />
    </Glyph>
  );
}
