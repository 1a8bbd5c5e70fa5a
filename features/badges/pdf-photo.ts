import { degrees, drawImage, type PDFDocument, type PDFPage } from "pdf-lib";

/**
 * A photo placed in a badge PDF. JPEG travels as it is (pdf-lib only reads its header). A PNG without
 * transparency, 8 bits a channel, grey or colour, not interlaced (what cameras and most editors write)
 * travels as its own compressed data too: a PDF reads PNG's row filters itself (FlateDecode with
 * predictor 15), so nothing is decoded or compressed again. pdf-lib's own path decodes every pixel and
 * deflates them again in JavaScript, which was most of the time a print run spent. Other PNGs (with an
 * alpha channel, a palette, 16 bits, interlaced) still take pdf-lib's path.
 */
export interface EmbeddedPhoto {
  width: number;
  height: number;
  draw(page: PDFPage, at: { x: number; y: number; width: number; height: number }): void;
}

export async function embedPhoto(doc: PDFDocument, photo: { bytes: Uint8Array; type: "image/jpeg" | "image/png" }): Promise<EmbeddedPhoto | null> {
  try {
    const raw = photo.type === "image/png" ? rawPng(doc, photo.bytes) : null;
    if (raw) return raw;
    const image = photo.type === "image/png" ? await doc.embedPng(photo.bytes) : await doc.embedJpg(photo.bytes);
    return { width: image.width, height: image.height, draw: (page, at) => page.drawImage(image, at) };
  } catch {
    // A photo the PDF library cannot read gets the placeholder, like a missing one.
    return null;
  }
}

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The PNG as an image XObject made of its IDAT data, or null when it needs decoding (see above). */
function rawPng(doc: PDFDocument, bytes: Uint8Array): EmbeddedPhoto | null {
  if (bytes.length < 33 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | null = null;
  const data: Uint8Array[] = [];
  let size = 0;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    const start = at + 8;
    if (start + length > bytes.length) return null;
    if (type === "IHDR") {
      if (length < 13) return null;
      header = {
        width: view.getUint32(start),
        height: view.getUint32(start + 4),
        depth: bytes[start + 8],
        colour: bytes[start + 9],
        interlace: bytes[start + 12],
      };
    } else if (type === "tRNS") {
      // A transparent colour needs a mask: pdf-lib's path.
      return null;
    } else if (type === "IDAT") {
      data.push(bytes.subarray(start, start + length));
      size += length;
    } else if (type === "IEND") break;
    at = start + length + 4;
  }
  if (!header || size === 0 || header.depth !== 8 || header.interlace !== 0 || (header.colour !== 0 && header.colour !== 2)) return null;
  if (header.width === 0 || header.height === 0) return null;
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const part of data) {
    joined.set(part, offset);
    offset += part.length;
  }
  const colours = header.colour === 2 ? 3 : 1;
  const stream = doc.context.stream(joined, {
    Type: "XObject",
    Subtype: "Image",
    Width: header.width,
    Height: header.height,
    BitsPerComponent: 8,
    ColorSpace: colours === 3 ? "DeviceRGB" : "DeviceGray",
    Filter: "FlateDecode",
    DecodeParms: { Predictor: 15, Colors: colours, BitsPerComponent: 8, Columns: header.width },
  });
  const ref = doc.context.register(stream);
  return {
    width: header.width,
    height: header.height,
    draw(page, at) {
      // What pdf-lib's page.drawImage writes: the image scaled into its box, in a graphics state of its own.
      page.pushOperators(...drawImage(page.node.newXObject("Image", ref), { ...at, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
    },
  };
}
