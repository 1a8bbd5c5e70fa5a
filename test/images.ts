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
 * A photo-like JPEG (soft noise, as a camera's photo compresses), made with sharp: for thumbnails and badge
 * photos whose sizes should be those of real photos, not of one flat colour.
 */
export async function photoJpeg(width = 600, height = 800): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  const bytes = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
    .blur(1.2)
    .jpeg({ quality: 85 })
    .toBuffer();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
