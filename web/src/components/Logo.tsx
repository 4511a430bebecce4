/** The Natter mark: two overlapping speech bubbles forming an N. */
export function LogoMark({ size = 32, title }: { size?: number; title?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 48 48"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
    >
      <defs>
        <linearGradient id="natter-g" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#7a6cff" />
          <stop offset="1" stopColor="#4a3bd6" />
        </linearGradient>
      </defs>
      <path
        d="M10 4h28a6 6 0 0 1 6 6v20a6 6 0 0 1-6 6H22l-9 8v-8h-3a6 6 0 0 1-6-6V10a6 6 0 0 1 6-6z"
        fill="url(#natter-g)"
      />
      <path d="M15 28V12.5h3.2l9.6 10.4V12.5H33V28h-3.2l-9.6-10.4V28z" fill="#fff" />
    </svg>
  );
}

export function Logo({ size = 32 }: { size?: number }) {
  return (
    <span className="logo">
      <LogoMark size={size} />
      <span className="logo-word">Natter</span>
    </span>
  );
}
