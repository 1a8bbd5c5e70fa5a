import type { BadgeLayout, Box } from "../../features/badges/layout.ts";

/**
 * A badge drawn in SVG from the same boxes the PDF is drawn from (features/badges/layout.ts), in
 * millimetres. Rendered on the server (the page shows it without JavaScript) and again in the browser as
 * the design's form changes. Text wider than its box is shrunk like the PDF shrinks it, by an estimate of
 * its width (the browser's fonts are not the PDF's).
 */
export function BadgePreview({
  layout,
  qr,
  images,
  label,
}: {
  layout: BadgeLayout;
  /** The code as SVG path data in module units, and its width in modules (features/badges/qr.ts). */
  qr: { path: string; span: number };
  images: { photo?: string; logo?: string };
  label: string;
}) {
  return (
    <svg
      className="badge-preview"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={`${layout.width * 2.4}`}
      height={`${layout.height * 2.4}`}
      role="img"
      aria-label={label}
      direction="ltr"
      fontFamily="'Noto Sans', 'Noto Sans Arabic', 'Noto Sans SC', sans-serif"
    >
      <rect x={0} y={0} width={layout.width} height={layout.height} fill="none" stroke="#999999" strokeWidth={0.3} />
      {layout.boxes.map((box, i) => (
        <Shape key={`${box.kind}-${i}`} box={box} qr={qr} images={images} />
      ))}
    </svg>
  );
}

function Shape({ box, qr, images }: { box: Box; qr: { path: string; span: number }; images: { photo?: string; logo?: string } }) {
  switch (box.kind) {
    case "rect":
      return (
        <rect
          x={box.x}
          y={box.y}
          width={box.w}
          height={box.h}
          fill={box.fill ?? "none"}
          stroke={box.stroke}
          strokeWidth={box.stroke ? (box.strokeWidth ?? 0.2) : undefined}
        />
      );
    case "text": {
      const size = fittedSize(box.value, box.size, box.maxWidth);
      return (
        <text x={box.x} y={box.y} fontSize={size} fill={box.colour} data-role={box.role}>
          {box.value}
        </text>
      );
    }
    case "image": {
      const href = images[box.source];
      if (!href) return <rect x={box.x} y={box.y} width={box.w} height={box.h} fill="#d9d9d9" data-role={box.source} />;
      return <image href={href} x={box.x} y={box.y} width={box.w} height={box.h} preserveAspectRatio="xMinYMin meet" data-role={box.source} />;
    }
    case "qr":
      return (
        <g transform={`translate(${box.x} ${box.y}) scale(${box.side / qr.span})`} data-role="code">
          <rect width={qr.span} height={qr.span} fill="#ffffff" />
          <path d={qr.path} fill="#000000" />
        </g>
      );
  }
}

/** Wide (CJK) characters take about a font size each, others about half of one. */
function fittedSize(value: string, size: number, maxWidth: number): number {
  let ems = 0;
  for (const ch of value) ems += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 1 : 0.55;
  const width = ems * size;
  return Math.round((width > maxWidth ? (size * maxWidth) / width : size) * 100) / 100;
}
