import { crc32, deflateSync } from "node:zlib";

/** A real PNG of one colour (RGB), decodable by any reader: for photos that must print, not only pass the type check. */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [120, 140, 160]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "latin1");
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(pixels)),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/**
 * A photo-like JPEG, made with sharp: a portrait's shapes on a graded background under camera noise, so
 * that it compresses, and thumbnails of it weigh, about what real ID photos do (not one flat colour).
 */
export async function photoJpeg(width = 600, height = 800): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const spots = Array.from(
    { length: 60 },
    () =>
      `<circle cx="${Math.round(random() * width)}" cy="${Math.round(random() * height)}" r="${Math.round(4 + random() * 30)}" fill="hsl(${Math.round(random() * 360)},40%,${Math.round(30 + random() * 40)}%)" fill-opacity="0.5"/>`,
  ).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#9fb8cf"/><stop offset="1" stop-color="#3c5a78"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${spots}
    <ellipse cx="${width / 2}" cy="${height * 0.38}" rx="${width * 0.2}" ry="${height * 0.2}" fill="#c9a27e"/>
    <path d="M${width * 0.1} ${height} Q${width / 2} ${height * 0.5} ${width * 0.9} ${height} Z" fill="#2b2f3a"/>
  </svg>`;
  const noise = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 12 } } })
    .png()
    .toBuffer();
  const bytes = await sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: "overlay" }])
    .jpeg({ quality: 85 })
    .toBuffer();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
