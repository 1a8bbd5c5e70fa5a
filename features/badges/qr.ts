import QRCode from "qrcode";

/** The quiet zone around a code, in modules (QR's own minimum). */
export const qrQuiet = 4;

export interface QrRuns {
  /** Modules across, quiet zone included. */
  span: number;
  /** Runs of dark modules: row, first column, length (quiet zone included in the coordinates). */
  runs: [number, number, number][];
}

/**
 * A badge's code as runs of dark modules: drawn as one filled path of rectangles (a few hundred, not
 * thousands) by the PDF and the preview alike. The code is base45, all of QR's alphanumeric set: one
 * segment, error correction M (docs/decisions/0018).
 */
export function qrRuns(code: string): QrRuns {
  const { modules } = QRCode.create([{ data: code, mode: "alphanumeric" }], { errorCorrectionLevel: "M" });
  const runs: [number, number, number][] = [];
  for (let r = 0; r < modules.size; r++) {
    let c = 0;
    while (c < modules.size) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < modules.size && modules.get(r, c)) c++;
      runs.push([r + qrQuiet, start + qrQuiet, c - start]);
    }
  }
  return { span: modules.size + 2 * qrQuiet, runs };
}

/** The runs as SVG path data in module units (a viewBox of `0 0 span span`). */
export function qrPathData(qr: QrRuns): string {
  return qr.runs.map(([r, c, n]) => `M${c} ${r}h${n}v1h-${n}z`).join("");
}
