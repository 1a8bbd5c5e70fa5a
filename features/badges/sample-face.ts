// The fictional person a design is previewed with (staff page and "Preview PDF") when its category has
// nobody yet: names in Latin and Cyrillic, a title in Arabic, an organisation in Chinese, so the preview
// shows every script a badge must print. Pure, free of Node: the staff page's preview runs in the browser.
import { encodeBase45 } from "./base45.ts";
import type { LayoutFace } from "./layout.ts";

/** A code of the right length that opens no door (format 0): what samples and previews print. */
export const sampleCode = encodeBase45(new Uint8Array(85));

export function sampleLayoutFace(o: {
  category: LayoutFace["category"];
  eventTitle: string;
  noPhoto: string;
  hasLogo: boolean;
  backText: string;
  country: string;
}): LayoutFace {
  return {
    name: "Dilnoza Karimova",
    localName: "Дилноза Каримова",
    position: "مستشارة أولى",
    affiliation: "联合国教育、科学及文化组织",
    country: o.country,
    category: o.category,
    hasPhoto: false,
    noPhoto: o.noPhoto,
    hasLogo: o.hasLogo,
    eventTitle: o.eventTitle,
    version: 1,
    backText: o.backText,
  };
}
