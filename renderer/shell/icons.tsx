// Small stroke icons drawn inline (no icon font, nothing fetched). 16×16, currentColor.
const paths: Record<string, string> = {
  readiness: 'M2.5 2.5h11v11h-11zM5 6l1.5 1.5L9 5M5 10.5l1.5 1.5L9 9.5M10.5 6.5h1M10.5 11h1',
  models: 'M8 1.5 14 5v6l-6 3.5L2 11V5zM2 5l6 3.5L14 5M8 8.5V14.5',
  datasets:
    'M2.5 3.5c0-1.1 2.5-2 5.5-2s5.5.9 5.5 2-2.5 2-5.5 2-5.5-.9-5.5-2zm0 0v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2',
  bench: 'M8 14.5a6 6 0 1 1 0-12 6 6 0 0 1 0 12zM8 8.5l3-3M8 2.5v1.5M2 8.5h1.5M14 8.5h-1.5',
  drift: 'M1.5 11c2-4 3.5-6 5-6s2 4 3.5 4 2.5-3 4.5-6M1.5 14.5h13',
  bundles: 'M1.5 2.5h13v3h-13zM2.5 5.5v8h11v-8M6 8.5h4',
  audit: 'M4 1.5h6l2.5 2.5v10.5h-8.5zM6 6h4.5M6 8.5h4.5M6 11h3',
  logo: 'M1.5 9.5 14.5 2l-4 12.5-3-5zM7.5 9.5l7-7.5',
};

export function Icon({ name, size = 16 }: { name: keyof typeof paths | string; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      strokeLinejoin="round"
      strokeLinecap="round"
      aria-hidden="true"
    >
      <path d={paths[name] ?? ''} />
    </svg>
  );
}
