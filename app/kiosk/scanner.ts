// Reading codes from the camera: the BarcodeDetector API, or its ZXing WebAssembly ponyfill where the
// browser has none (Chromium on Linux). The WebAssembly file is served by us, never fetched from a CDN.
import { BarcodeDetector, prepareZXingModule } from "barcode-detector/ponyfill";
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";

let prepared = false;

function detector(): BarcodeDetector {
  if (!prepared) {
    prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) } });
    prepared = true;
  }
  return new BarcodeDetector({ formats: ["qr_code"] });
}

/**
 * Shows the camera in `video` and calls `onCode` for each code read; the same code is reported again only
 * after `repeatMs`. Returns a function that stops the camera.
 */
export async function startCamera(video: HTMLVideoElement, onCode: (code: string) => void, repeatMs = 3000): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  video.srcObject = stream;
  await video.play();
  const reader = detector();
  let stopped = false;
  const seen = new Map<string, number>();
  const tick = async () => {
    if (stopped) return;
    try {
      if (video.readyState >= 2) {
        for (const found of await reader.detect(video)) {
          const now = Date.now();
          if ((seen.get(found.rawValue) ?? 0) + repeatMs > now) continue;
          seen.set(found.rawValue, now);
          onCode(found.rawValue);
        }
      }
    } catch {
      // A frame that could not be read: the next one will be.
    }
    setTimeout(tick, 150);
  };
  void tick();
  return () => {
    stopped = true;
    for (const track of stream.getTracks()) track.stop();
  };
}
